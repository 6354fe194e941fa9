import { contextBridge, ipcRenderer } from 'electron';
import { buildWindowKiosk } from './window-kiosk.js';

contextBridge.exposeInMainWorld(
  'kiosk',
  buildWindowKiosk((method, input) => ipcRenderer.invoke(method, input)),
);
