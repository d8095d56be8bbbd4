/**
 * The speaker view: a window of its own (opened with S from the deck) showing the current slide,
 * the next step, the notes, the elapsed time, the clock and the pacing. It drives the audience
 * window and its two previews over the deck channel; the previews are the deck itself in
 * `?receiver` mode, which draws and starts nothing.
 */
import '../../theme/speaker.css';
import deck from 'virtual:deck';
import { openDeckChannel, type DeckMessage } from '../deck-channel.ts';
import { forwardKeys } from '../speaker-link.ts';
import { formatDuration, pacing, plannedBy } from '../pacing.ts';

interface SlideInfo {
  id: string;
  title: string;
  timing: number;
  notes: string;
}

function readSlides(html: string): SlideInfo[] {
  const template = document.createElement('template');
  template.innerHTML = html;
  return [...template.content.children]
    .filter((el) => el.localName === 'section')
    .map((section) => ({
      id: section.id,
      title: section.querySelector('h1, h2, h3')?.textContent.trim() ?? section.id,
      timing: Number(section.getAttribute('data-timing') ?? 0),
      notes: section.querySelector('aside.notes')?.innerHTML ?? '',
    }));
}

const slides = readSlides(deck.html);
const timings = slides.map((s) => s.timing);
const $ = (selector: string): HTMLElement => {
  const el = document.querySelector<HTMLElement>(selector);
  if (!el) throw new Error(`speaker.html has no ${selector}`);
  return el;
};

const channel = openDeckChannel();
const deckUrl = new URL('./index.html', location.href);
const previewParams =
  'receiver&controls=false&progress=false&transition=none&backgroundTransition=none&keyboard=false&hash=false&history=false&slideNumber=false&scrollActivationWidth=0';

for (const frame of document.querySelectorAll<HTMLIFrameElement>('iframe.preview')) {
  frame.src = `${deckUrl.pathname}?${previewParams}&preview=${frame.dataset['preview'] ?? 'current'}`;
}

let index = 0;
let started = Date.now();
let connected = false;

function elapsedSeconds(): number {
  return (Date.now() - started) / 1000;
}

function renderTime(): void {
  const now = new Date();
  $('.clock').textContent = now.toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });
  $('.elapsed').textContent = formatDuration(elapsedSeconds());
  const { left, pace } = pacing(timings, index, elapsedSeconds());
  $('.pacing-value').textContent = formatDuration(left);
  $('.pacing').dataset['pace'] = pace;
}

function renderSlide(): void {
  const slide = slides[index];
  if (!slide) return;
  $('.notes-title').textContent = slide.title;
  // The notes are the deck's own build output (Markdown compiled at build time), not user input.
  $('.notes-body').innerHTML = slide.notes === '' ? '<p class="no-notes">No notes for this slide.</p>' : slide.notes;
  $('.slide-position').textContent =
    `Slide ${index + 1} of ${slides.length} · planned ${formatDuration(slide.timing)} · class ${formatDuration(deck.totalSeconds)}`;
  renderTime();
}

channel.listen((message: DeckMessage) => {
  if (message.type !== 'state') return;
  if (!connected) {
    connected = true;
    $('.status').textContent = '';
  }
  if (message.index !== index) {
    index = message.index;
    renderSlide();
  }
  document.title = `Speaker view – ${slides[index]?.title ?? ''}`;
});

// The presenter's keys, sent to the audience window (the previews follow it).
forwardKeys(channel);

$('.restart').addEventListener('click', () => {
  started = Date.now();
  renderTime();
});
// Start the timer from where the plan says this slide begins.
$('.sync-plan').addEventListener('click', () => {
  started = Date.now() - plannedBy(timings, index - 1) * 1000;
  renderTime();
});

renderSlide();
setInterval(renderTime, 1000);
channel.post({ type: 'hello' });
setTimeout(() => {
  if (!connected) $('.status').textContent = 'No deck window is open: open the deck and press S there.';
}, 3000);
