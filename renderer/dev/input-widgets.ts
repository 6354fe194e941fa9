import { mount } from 'svelte';
import InputWidgetsHarness from './InputWidgetsHarness.svelte';
import '../styles.css';

const target = document.getElementById('app');
if (!target) throw new Error('#app is missing from input-widgets.html');
mount(InputWidgetsHarness, { target });
