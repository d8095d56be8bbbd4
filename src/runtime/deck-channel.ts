import type { RevealState } from 'reveal.js';

/**
 * The windows of one deck on one machine talk over a BroadcastChannel: the audience window says
 * where it is, the speaker view sends the presenter's commands, the previews follow. A
 * BroadcastChannel only reaches pages of the same origin, so no other site can drive the deck.
 */
export type DeckCommand = 'next' | 'prev' | 'first' | 'last' | 'togglePause' | 'toggleOverview';

export type DeckMessage =
  /** The audience window's position, sent on every change and in answer to `hello`. */
  | { type: 'state'; state: RevealState; slideId: string; index: number }
  /** A window that just opened asks for the current position. */
  | { type: 'hello' }
  /** The speaker view asks the audience window to move. */
  | { type: 'command'; command: DeckCommand }
  /** A person changed a widget: `key` names it the same way in every window of the deck. */
  | { type: 'widget-state'; key: string; state: unknown };

export interface DeckChannel {
  post(message: DeckMessage): void;
  listen(handler: (message: DeckMessage) => void): () => void;
  close(): void;
}

/** One channel per deck: the page's folder names it, so two decks on one machine stay apart. */
export function openDeckChannel(): DeckChannel {
  const name = `ci-cd-deck:${location.pathname.replace(/[^/]*$/, '')}`;
  let channel: BroadcastChannel;
  try {
    channel = new BroadcastChannel(name);
  } catch {
    // A page with an opaque origin (some browsers' file://) has no channel: it presents alone.
    return { post: () => undefined, listen: () => () => undefined, close: () => undefined };
  }
  return {
    post: (message) => {
      channel.postMessage(message);
    },
    listen: (handler) => {
      const onMessage = (event: MessageEvent) => {
        const data = event.data as DeckMessage | null;
        if (data && typeof data === 'object' && typeof data.type === 'string') handler(data);
      };
      channel.addEventListener('message', onMessage);
      return () => {
        channel.removeEventListener('message', onMessage);
      };
    },
    close: () => {
      channel.close();
    },
  };
}
