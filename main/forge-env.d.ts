/** Defined by Forge's Vite plugin when it builds main/main.ts. */
declare const MAIN_WINDOW_VITE_DEV_SERVER_URL: string | undefined;
declare const MAIN_WINDOW_VITE_NAME: string;
/** True in development builds (`npm start`), which may start the demo's embedded central. */
declare const KIOSK_DEMO_CENTRAL: boolean;
