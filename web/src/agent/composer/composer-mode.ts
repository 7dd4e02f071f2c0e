/** reply: public, the customer sees it. note: internal, staff only. Same values as MessageKind. */
export type ComposerMode = 'reply' | 'note';
