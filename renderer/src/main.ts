import { mount } from 'svelte';
import App from './App.svelte';
import { registerServiceWorker } from './lib/platform';
import './app.css';

registerServiceWorker();

const target = document.getElementById('app');
if (!target) throw new Error('#app missing from index.html');

export default mount(App, { target });
