// Copies the files tsc does not emit into dist/: the playground page, script and stylesheet.
import { copyFileSync, mkdirSync } from 'node:fs';

const ASSETS = ['playground.html', 'playground.js', 'playground.css'];
const from = new URL('./src/playground/assets/', import.meta.url);
const to = new URL('./dist/playground/assets/', import.meta.url);

mkdirSync(to, { recursive: true });
for (const name of ASSETS) copyFileSync(new URL(name, from), new URL(name, to));
