import 'reveal.js/reveal.css';
import '../theme/theme.css';
import { startPresentation } from './present.ts';

const params = new URLSearchParams(location.search);

// ?study is a page of its own (every slide with its notes, for students); it needs no reveal.js.
if (params.has('study')) {
  void import('./study/study.ts').then((study) => {
    study.startStudy(params);
  });
} else {
  startPresentation(params);
}
