import type { RevealApi } from 'reveal.js';
import { openDeckChannel, type DeckCommand } from './deck-channel.ts';
import type { DeckView } from './widget-api.ts';

/**
 * Joins this window to the deck channel. The audience window (the live deck) says where it is
 * and takes the speaker view's commands; a speaker-view preview follows it, the "upcoming" one a
 * step ahead. The scroll and print views stay out: nothing there drives or follows anyone.
 */
export function linkSpeakerView(reveal: RevealApi, view: DeckView, upcoming: boolean): void {
  if (view === 'present') {
    const channel = openDeckChannel();
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
      if (message.type === 'hello') announce();
      else if (message.type === 'command') commands[message.command]();
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
    reveal.addKeyBinding({ keyCode: 83, key: 'S', description: 'Speaker view (notes, timer, next slide)' }, () => {
      openSpeakerWindow();
    });
  } else if (view === 'preview') {
    const channel = openDeckChannel();
    channel.listen((message) => {
      if (message.type !== 'state') return;
      reveal.setState({ ...message.state, overview: false });
      if (upcoming) reveal.next();
    });
    channel.post({ type: 'hello' });
  }
}

function openSpeakerWindow(): void {
  const url = new URL('./speaker.html', location.href);
  const speaker = window.open(url.href, 'ci-cd-speaker-view', 'popup,width=1280,height=800');
  speaker?.focus();
}
