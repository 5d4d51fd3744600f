/**
 * Whether the how-it-works page is open, and which glossary entry it shows. The page is one
 * dialog; the header's button and every glossary term in the explorer open it here.
 */
export class Guide {
  open = $state(false);
  /** The id of the glossary entry to show (src/components/glossary.ts); null: the page from its top. */
  term: string | null = $state(null);
  /** Bumped on every show(), so showing the same entry again scrolls to it again. */
  shown = $state(0);

  show(term: string | null = null): void {
    this.term = term;
    this.open = true;
    this.shown++;
  }

  close(): void {
    this.open = false;
  }
}

/** The page's guide. */
export const guide = new Guide();
