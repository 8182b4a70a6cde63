import adapter from '@sveltejs/adapter-node';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

/** @type {import('@sveltejs/kit').Config} */
const config = {
  preprocess: vitePreprocess(),
  kit: {
    // The Node server (server/src/main.ts) mounts build/handler.js behind /graphql on one port.
    adapter: adapter({ out: 'build', precompress: false }),
  },
};

export default config;
