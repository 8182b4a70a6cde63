import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig } from 'vite';

export default defineConfig({
  plugins: [sveltekit()],
  server: {
    // In development (`npm run dev -w web`), the API runs on its own port; `ws` passes the live updates' WebSocket too.
    proxy: { '/graphql': { target: process.env.MAILLAGE_API_ORIGIN ?? 'http://127.0.0.1:3000', ws: true } },
  },
});
