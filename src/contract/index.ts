export * from './accounts.js';
export * from './catalog.js';
export * from './central-api.js';
export * from './errors.js';
export * from './kiosk-api.js';
export * from './supplies.js';
export * from './window-kiosk.js';
