import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig } from 'vite';
import { messagesByPage } from './messages-by-page';

export default defineConfig({
  plugins: [sveltekit(), messagesByPage()],
  server: {
    // In development (`npm run dev -w web`), the API runs on its own port; `ws` passes the live updates' WebSocket too.
    proxy: { '/graphql': { target: process.env.MAILLAGE_API_ORIGIN ?? 'http://127.0.0.1:3000', ws: true } },
  },
});
