// The baseline deck's browser code: reveal.js 6 as its docs show it, with the Markdown, highlight
// and notes plugins, the stock white theme and highlight's monokai style. Mermaid is loaded and
// run the naive way, when a slide holding a diagram is shown.
import Reveal from 'reveal.js';
import RevealHighlight from 'reveal.js/plugin/highlight';
import RevealMarkdown from 'reveal.js/plugin/markdown';
import RevealNotes from 'reveal.js/plugin/notes';
import 'reveal.js/reveal.css';
import 'reveal.js/theme/white.css';
import 'reveal.js/plugin/highlight/monokai.css';

let mermaid;

async function drawDiagrams(slide) {
  const nodes = [...slide.querySelectorAll('pre.mermaid:not([data-processed])')];
  if (nodes.length === 0) return;
  mermaid ??= import('mermaid').then(({ default: m }) => {
    m.initialize({ startOnLoad: false });
    return m;
  });
  await (await mermaid).run({ nodes });
}

// The same slide size as the deck under test, so both lay out the same content alike.
const deck = new Reveal({
  width: 1280,
  height: 720,
  hash: true,
  plugins: [RevealMarkdown, RevealHighlight, RevealNotes],
});
deck.on('ready', (event) => void drawDiagrams(event.currentSlide));
deck.on('slidechanged', (event) => void drawDiagrams(event.currentSlide));
void deck.initialize();
