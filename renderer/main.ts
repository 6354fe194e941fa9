import { mount } from 'svelte';
import App from './App.svelte';
import { installWebKiosk } from './lib/web-kiosk.js';
import './styles.css';

// Under Electron the preload has already defined window.kiosk; in a plain browser (the web host)
// the same API is carried over loopback HTTP.
installWebKiosk();

const target = document.getElementById('app');
if (!target) throw new Error('#app is missing from index.html');
mount(App, { target });
