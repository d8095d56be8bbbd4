/** An error in a slide file, reported as `slides/03-x.md:14: what is wrong`. */
export class SlideError extends Error {
  constructor(
    readonly file: string,
    readonly line: number,
    readonly reason: string,
  ) {
    super(`${file}:${line}: ${reason}`);
    this.name = 'SlideError';
  }
}
