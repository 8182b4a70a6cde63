import type { SubmitFunction } from '@sveltejs/kit';

/**
 * `use:enhance` for a form that posts something (an answer, a comment): what was typed stays while the form has a
 * mistake to fix, and is cleared once it is published. The action answers a publication with a redirect to the
 * same page, which SvelteKit follows without resetting the form: the text stayed, and a second tap published it
 * twice. The form's reset also empties a field bound with `bind:value` (Svelte listens to it).
 */
export const clearedOncePublished: SubmitFunction = () => {
  return async ({ result, update, formElement }) => {
    await update({ reset: false });
    if (result.type === 'redirect' || result.type === 'success') formElement.reset();
  };
};
