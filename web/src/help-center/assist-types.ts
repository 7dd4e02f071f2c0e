/** Payloads of ArticleSuggestions' events (agent assist). */
export interface InsertLink {
  /** Absolute URL of the article's public page. */
  url: string;
  title: string;
}

export interface InsertText {
  /** The article's plain text, ready to paste into a reply. */
  text: string;
  title: string;
  url: string;
}
