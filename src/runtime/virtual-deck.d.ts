declare module 'virtual:deck' {
  const deck: import('../compiler/compile-deck.ts').Deck;
  export default deck;
}
