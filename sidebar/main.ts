import { App } from './app';

const root = document.getElementById('app') as HTMLElement;
const app = new App(root);
app.render();
void app.refresh();
