import type { Page } from 'playwright-core';

/**
 * What a person on a 360 px phone would trip on, measured in the page as it is drawn:
 * - the page scrolls sideways;
 * - a block that holds text (a `dd`, a table cell, a child of a grid or flex row) is squeezed under
 *   120 px and its text wraps (an address broken into two or three letters per line);
 * - a control (button, field, list, `.button`, `summary`) is under 44 px tall;
 * - a link or small control that is not part of a sentence is under 24 px with another target
 *   within its 24 px circle (WCAG 2.2, 2.5.8): links standing alone need room around them.
 * Returns one sentence per offence, naming the element by its tag, class and text.
 */
export async function layoutOffences(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const offences: string[] = [];
    const root = document.documentElement;
    if (root.scrollWidth > root.clientWidth) offences.push(`the page is ${root.scrollWidth} px wide in a ${root.clientWidth} px window`);

    const describe = (el: Element) => {
      const text = (el as HTMLElement).innerText?.replace(/\s+/g, ' ').trim().slice(0, 40) || el.getAttribute('aria-label') || '';
      const cls = typeof el.className === 'string' && el.className.trim() ? '.' + el.className.trim().split(/\s+/).join('.') : '';
      return `<${el.tagName.toLowerCase()}${cls}> "${text}"`;
    };
    const shown = (el: Element) => {
      const box = el.getBoundingClientRect();
      if (box.width <= 1 || box.height <= 1) return false;
      if (box.bottom + window.scrollY <= 0 || box.right + window.scrollX <= 0) return false; // parked off screen (skip link)
      // Not drawn: inside a closed <details>, display: none, visibility: hidden.
      if (!el.checkVisibility({ visibilityProperty: true })) return false;
      return !el.closest('.visually-hidden, [hidden], [aria-hidden="true"]');
    };
    const lineHeight = (el: Element) => {
      const style = getComputedStyle(el);
      return style.lineHeight === 'normal' ? parseFloat(style.fontSize) * 1.2 : parseFloat(style.lineHeight);
    };

    // Narrow blocks whose text wraps.
    const blocks = new Set<Element>(document.querySelectorAll('main dd, main td, main th, footer dd'));
    for (const parent of document.querySelectorAll('body *')) {
      const display = getComputedStyle(parent).display;
      if (/(^|-)(grid|flex)$/.test(display) && shown(parent)) for (const child of parent.children) blocks.add(child);
    }
    for (const block of blocks) {
      if (!shown(block) || block.matches('svg, svg *, img, input, select, textarea, button')) continue;
      const text = (block as HTMLElement).innerText?.trim() ?? '';
      if (!/\p{L}{2}/u.test(text)) continue;
      const box = block.getBoundingClientRect();
      // Taller than one line of text and than its own min-height (a 44 px link is not a wrapped one).
      const oneLine = Math.max(1.7 * lineHeight(block), (parseFloat(getComputedStyle(block).minHeight) || 0) + 2);
      if (box.width < 120 && box.height > oneLine && text.length > 12)
        offences.push(`${describe(block)} is ${Math.round(box.width)} px wide and its text wraps`);
    }

    // Controls: 44 px tall.
    const controls = document.querySelectorAll(
      'button, .button, select, textarea, summary, input:not([type="hidden"], [type="checkbox"], [type="radio"], [type="file"])',
    );
    for (const control of controls) {
      if (!shown(control)) continue;
      const height = control.getBoundingClientRect().height;
      if (height < 43.5) offences.push(`${describe(control)} is ${Math.round(height)} px tall (44 px at least)`);
    }

    // Every other target: 24 px, or a 24 px circle around it that touches no other target.
    const targets = [
      ...document.querySelectorAll('a[href], input[type="checkbox"], input[type="radio"], input[type="file"], [role="button"]'),
    ]
      .filter((el) => shown(el) && !el.matches('button, .button, summary'))
      .filter((el) => {
        // A link inside a sentence is exempt (WCAG's "inline" exception).
        if (el.tagName !== 'A' || getComputedStyle(el).display !== 'inline') return true;
        const parent = el.parentElement;
        const own = (el as HTMLElement).innerText.trim().length;
        return !parent || (parent.innerText.trim().length <= own + 2 && !parent.closest('.prose'));
      });
    const everyTarget = [
      ...document.querySelectorAll('a[href], button, input:not([type="hidden"]), select, textarea, summary, [role="button"]'),
    ]
      .filter(shown)
      .map((el) => ({ el, box: el.getBoundingClientRect() }));
    for (const el of targets) {
      const box = el.getBoundingClientRect();
      if (box.width >= 24 && box.height >= 24) continue;
      const cx = box.left + box.width / 2;
      const cy = box.top + box.height / 2;
      const crowded = everyTarget.find(({ el: other, box: o }) => {
        if (other === el || other.contains(el) || el.contains(other) || (other.tagName === 'LABEL' && other.contains(el))) return false;
        const nx = Math.max(o.left, Math.min(cx, o.right));
        const ny = Math.max(o.top, Math.min(cy, o.bottom));
        return Math.hypot(cx - nx, cy - ny) < 12;
      });
      if (crowded)
        offences.push(
          `${describe(el)} is ${Math.round(box.width)}×${Math.round(box.height)} px, with ${describe(crowded.el)} within 12 px of its centre`,
        );
    }
    return offences;
  });
}
