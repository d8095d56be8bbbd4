import type { DeckChannel } from './deck-channel.ts';
import { SLIDE_RESTORED } from './slide-window.ts';
import { WIDGET_STATE, type StatefulWidget } from './widget-api.ts';

/**
 * Widget state follows the presenter: a widget that calls shareState() has its state sent to the
 * other windows of the deck, which set it on their copy. Windows that `lead` (the audience window,
 * the speaker view's current-slide preview) send; every window of the presentation receives. The
 * last state of each widget is kept, so a window opened late catches up when it says hello.
 */
export class WidgetSync {
  readonly #channel: DeckChannel;
  readonly #slides: HTMLElement;
  readonly #known = new Map<string, unknown>();
  #applying: string | undefined;

  constructor(channel: DeckChannel, slides: HTMLElement, lead: boolean) {
    this.#channel = channel;
    this.#slides = slides;
    if (lead) {
      slides.addEventListener(WIDGET_STATE, (event) => {
        const widget = event.composedPath()[0];
        if (!(widget instanceof HTMLElement)) return;
        const key = this.keyOf(widget);
        if (key === undefined || key === this.#applying) return;
        const state = (event as CustomEvent<unknown>).detail;
        this.#known.set(key, state);
        channel.post({ type: 'widget-state', key, state });
      });
    }
    channel.listen((message) => {
      if (message.type === 'widget-state') this.apply(message.key, message.state);
    });
    // A slide parked by the slide window missed the states sent meanwhile: set them now.
    slides.addEventListener(SLIDE_RESTORED, (event) => {
      const id = (event.target as Element).id;
      for (const [key, state] of this.#known) if (key.startsWith(`${id}/`)) this.apply(key, state);
    });
  }

  /** `slide-id/tag/n`: the same widget in every window, since every window has the same deck. */
  keyOf(widget: HTMLElement): string | undefined {
    const slide = widget.closest('section');
    if (!slide?.id) return undefined;
    const same = [...slide.querySelectorAll(widget.localName)];
    return `${slide.id}/${widget.localName}/${same.indexOf(widget)}`;
  }

  /** Sends every state this window knows, for a window that just said hello. */
  replay(): void {
    for (const [key, state] of this.#known) this.#channel.post({ type: 'widget-state', key, state });
  }

  /** Sets a state that came from another window (now, or once the widget is defined). */
  apply(key: string, state: unknown): void {
    this.#known.set(key, state);
    const [slideId = '', tag = '', n = '0'] = key.split('/');
    const slide = this.#slides.querySelector(`section[id="${CSS.escape(slideId)}"]`);
    const widget = slide?.querySelectorAll(tag)[Number(n)] as StatefulWidget | undefined;
    if (!widget) return;
    const set = () => {
      this.#applying = key;
      try {
        widget.state = state;
      } finally {
        this.#applying = undefined;
      }
    };
    if (customElements.get(tag)) set();
    else void customElements.whenDefined(tag).then(set);
  }
}
