/**
 * Study mode (?study): one scrolling page for students, with every slide and its speaker notes
 * as reading material, a table of contents, search and a link per slide. Widgets are live where
 * they stand. Nothing here joins the presentation: it drives and follows no other window.
 * With `&print` it is the handout: every widget in its final state, one slide per page.
 */
import './study.css';
import deck from 'virtual:deck';
import { widgets } from '../../widgets/registry.ts';
import { renderDiagrams, renderWhenIdle } from '../mermaid.ts';
import { WidgetLifecycle } from '../widgets.ts';

function element<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attributes: Record<string, string> = {},
  text?: string,
): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) el.setAttribute(name, value);
  if (text !== undefined) el.textContent = text;
  return el;
}

interface StudySlide {
  id: string;
  title: string;
  article: HTMLElement;
  text: string;
}

function titleOf(section: Element): string {
  return section.querySelector('h1, h2, h3')?.textContent.trim() ?? section.id;
}

/** One article per slide: the slide at its 16:9 size, scaled, and its notes under it. */
function buildSlides(html: string): StudySlide[] {
  const template = document.createElement('template');
  template.innerHTML = html;
  return [...template.content.children]
    .filter((el) => el.localName === 'section')
    .map((section, index) => {
      const id = section.id;
      section.removeAttribute('id');
      section.classList.add('present');
      // Everything a presenter reveals step by step is shown at once (a widget's steps excepted).
      for (const fragment of section.querySelectorAll('.fragment:not(.widget-step)')) fragment.classList.add('visible');
      const notes = section.querySelector('aside.notes');
      notes?.remove();

      const title = titleOf(section);
      const article = element('article', { id, class: 'study-slide', 'aria-label': `Slide ${index + 1}: ${title}` });
      const frame = element('div', { class: 'study-frame reveal' });
      const slides = element('div', { class: 'slides' });
      slides.append(section);
      frame.append(slides);
      const meta = element('p', { class: 'study-meta' });
      const link = element('a', { href: `#${id}`, class: 'study-link' }, `Slide ${index + 1}`);
      meta.append(link);
      article.append(meta, frame);
      if (notes) {
        const reading = element('div', { class: 'study-notes' });
        reading.append(element('p', { class: 'study-notes-label' }, 'Notes'));
        reading.append(...notes.childNodes);
        article.append(reading);
      }
      return { id, title, article, text: (article.textContent || '').toLowerCase() };
    });
}

function buildContents(slides: StudySlide[]): HTMLElement {
  const nav = element('nav', { class: 'study-toc', 'aria-label': 'Contents' });
  nav.append(element('h2', {}, 'Contents'));
  const list = element('ol');
  let group: HTMLOListElement | undefined;
  const sections = new Map(deck.agenda.map((a) => [a.id, a]));
  for (const slide of slides) {
    const section = sections.get(slide.id);
    if (section || !group) {
      const item = element('li', { class: 'toc-section' });
      const label = section ? `${section.section} · ${section.title}` : 'Introduction';
      item.append(element('a', { href: `#${slide.id}` }, label));
      group = element('ol');
      item.append(group);
      list.append(item);
      if (section) continue;
    }
    const entry = element('li');
    entry.append(element('a', { href: `#${slide.id}` }, slide.title));
    group.append(entry);
  }
  nav.append(list);
  return nav;
}

function buildSearch(slides: StudySlide[]): HTMLElement {
  const form = element('form', { class: 'study-search', role: 'search' });
  const label = element('label', { for: 'study-search-input' }, 'Search the slides and notes');
  const input = element('input', { id: 'study-search-input', type: 'search', autocomplete: 'off' });
  const status = element('p', { class: 'search-status', role: 'status' });
  form.append(label, input, status);
  form.addEventListener('submit', (event) => {
    event.preventDefault();
  });
  input.addEventListener('input', () => {
    const words = input.value.toLowerCase().split(/\s+/).filter(Boolean);
    let shown = 0;
    for (const slide of slides) {
      const match = words.every((w) => slide.text.includes(w));
      slide.article.hidden = !match;
      if (match) shown++;
    }
    status.textContent = words.length === 0 ? '' : `${shown} of ${slides.length} slides match`;
  });
  return form;
}

/** Slides are laid out at 1280×720 and scaled to the width of their frame. */
function fitSlides(main: HTMLElement, fixedWidth?: number): void {
  const fit = () => {
    const frame = main.querySelector<HTMLElement>('.study-frame');
    const width = fixedWidth ?? frame?.clientWidth ?? 1280;
    main.style.setProperty('--slide-scale', String(width / 1280));
  };
  fit();
  if (fixedWidth === undefined) new ResizeObserver(fit).observe(main);
}

export function startStudy(params: URLSearchParams): void {
  const root = document.documentElement;
  const handout = params.has('print');
  root.dataset['deckView'] = handout ? 'print' : 'study';
  // `print-pdf` keeps reveal.css's generic print rules (20pt text, no transforms) off this page,
  // so Ctrl+P and the handout print the slides as they look.
  root.classList.add('study-page', 'print-pdf');
  document.title = `Study: ${document.title}`;

  const slides = buildSlides(deck.html);
  const page = element('div', { class: 'study' });
  const header = element('header', { class: 'study-header' });
  header.append(element('h1', {}, 'Module 1 – Foundations: Why CI/CD Matters'));
  const intro = element('p', { class: 'study-intro' });
  intro.append('Every slide with the instructor’s notes, for reading after class. ');
  intro.append(element('a', { href: './' }, 'Open the slides to present them'));
  intro.append('.');
  header.append(intro, buildSearch(slides));
  const main = element('main', { class: 'study-main', 'aria-label': 'Slides and notes' });
  main.append(...slides.map((s) => s.article));
  page.append(header, buildContents(slides), main);
  document.querySelector('.reveal')?.remove();
  document.body.append(page);
  // A4 portrait less margins, at 96 dpi: the width the handout prints at.
  fitSlides(main, handout ? 703 : undefined);

  const lifecycle = new WidgetLifecycle(widgets);
  const defined = lifecycle.define(main);
  if (handout) {
    void Promise.all([renderDiagrams(main), defined]).then(() => {
      root.dataset['deckReady'] = 'true';
    });
    return;
  }
  // Widgets run while their slide is in view, as if it were the slide on show.
  const observer = new IntersectionObserver(
    (entries) => {
      for (const entry of entries) {
        if (entry.isIntersecting) lifecycle.enter(entry.target);
        else lifecycle.leave(entry.target);
      }
    },
    { threshold: 0.4 },
  );
  for (const slide of slides) observer.observe(slide.article);
  renderWhenIdle(() => [main]);
  void defined.then(() => {
    if (location.hash.length > 1) document.getElementById(decodeURIComponent(location.hash.slice(1)))?.scrollIntoView();
    root.dataset['deckReady'] = 'true';
  });
}
