import type { RevealApi } from 'reveal.js';
import { openDeckChannel, type DeckChannel, type DeckCommand } from './deck-channel.ts';
import type { DeckView } from './widget-api.ts';
import { WidgetSync } from './widget-sync.ts';

/** How this window takes part in a presentation. */
export type Role =
  /** The audience window: says where it is, takes commands, leads widget state. */
  | 'lead'
  /** The speaker view's current-slide preview: follows, and leads widget state the presenter changes there. */
  | 'preview-current'
  /** The speaker view's next-step preview: follows a step ahead. */
  | 'preview-upcoming'
  /** A follow-along display (?follow): follows. */
  | 'follow'
  /** Scroll, print and study views: on their own, drive and follow nobody. */
  | 'alone';

export function roleOf(view: DeckView, params: URLSearchParams): Role {
  if (view === 'preview') return params.get('preview') === 'upcoming' ? 'preview-upcoming' : 'preview-current';
  if (view !== 'present') return 'alone';
  return params.has('follow') ? 'follow' : 'lead';
}

// The presenter's keys, as commands for the audience window.
const KEYS: Record<string, DeckCommand> = {
  ArrowRight: 'next',
  ArrowDown: 'next',
  ' ': 'next',
  n: 'next',
  PageDown: 'next',
  ArrowLeft: 'prev',
  ArrowUp: 'prev',
  p: 'prev',
  PageUp: 'prev',
  Home: 'first',
  End: 'last',
  b: 'togglePause',
  '.': 'togglePause',
  o: 'toggleOverview',
};

/** The command a key press stands for, or undefined (modifiers, keys in a control). */
export function commandFor(event: KeyboardEvent): DeckCommand | undefined {
  if (event.altKey || event.ctrlKey || event.metaKey) return undefined;
  const target = event.composedPath()[0];
  if (target instanceof HTMLElement && target.matches('input, textarea, select, button, [contenteditable="true"]')) {
    return undefined;
  }
  return KEYS[event.key.length === 1 ? event.key.toLowerCase() : event.key];
}

/** Forwards the presenter's keys from a window that does not navigate itself. */
export function forwardKeys(channel: DeckChannel): void {
  document.addEventListener('keydown', (event) => {
    const command = commandFor(event);
    if (!command) return;
    event.preventDefault();
    channel.post({ type: 'command', command });
  });
}

/**
 * Joins this window to the deck channel according to its role: the audience window says where it
 * is and takes commands; previews and follow-along displays follow it (the upcoming preview a
 * step ahead); widget state follows the presenter everywhere.
 */
export function linkWindows(reveal: RevealApi, slides: HTMLElement, role: Role): void {
  if (role === 'alone') return;
  const channel = openDeckChannel();
  const sync = new WidgetSync(channel, slides, role === 'lead' || role === 'preview-current');

  if (role === 'lead') {
    const announce = () => {
      channel.post({
        type: 'state',
        state: reveal.getState(),
        slideId: reveal.getCurrentSlide().id,
        index: reveal.getSlidePastCount(),
      });
    };
    const commands: Record<DeckCommand, () => void> = {
      next: () => {
        reveal.next();
      },
      prev: () => {
        reveal.prev();
      },
      first: () => {
        reveal.slide(0);
      },
      last: () => {
        reveal.slide(reveal.getTotalSlides() - 1);
      },
      togglePause: () => {
        reveal.togglePause();
      },
      toggleOverview: () => {
        reveal.toggleOverview();
      },
    };
    channel.listen((message) => {
      if (message.type === 'hello') {
        announce();
        sync.replay();
      } else if (message.type === 'command') commands[message.command]();
    });
    for (const event of [
      'slidechanged',
      'fragmentshown',
      'fragmenthidden',
      'paused',
      'resumed',
      'overviewshown',
      'overviewhidden',
    ]) {
      reveal.on(event, announce);
    }
    announce();
    // The single-file copy for students has no speaker page beside it.
    if (import.meta.env.DECK_SINGLE_FILE) return;
    reveal.addKeyBinding({ keyCode: 83, key: 'S', description: 'Speaker view (notes, timer, next step)' }, () => {
      const speaker = window.open(new URL('./speaker.html', location.href).href, 'ci-cd-speaker-view', 'popup');
      speaker?.focus();
    });
    return;
  }

  channel.listen((message) => {
    if (message.type !== 'state') return;
    reveal.setState({ ...message.state, overview: role === 'follow' && message.state.overview });
    if (role === 'preview-upcoming') reveal.next();
  });
  if (role !== 'preview-upcoming') forwardKeys(channel);
  channel.post({ type: 'hello' });
}
