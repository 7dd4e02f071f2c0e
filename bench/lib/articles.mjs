// Deterministic help-center articles for the search bench: English from
// templates, Chinese built from the sentences of the Chinese brief texts in
// ../shared/seeds (Traditional ones stay Traditional, as zh-TW articles).
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';

/** mulberry32: a small seeded PRNG so every run generates the same corpus. */
export function random(seed) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const VERBS = ['reset', 'change', 'update', 'delete', 'export', 'import', 'cancel', 'renew', 'verify', 'enable', 'disable', 'connect', 'invite', 'download', 'upload', 'configure', 'recover', 'merge', 'share', 'restore', 'transfer', 'archive'];
const NOUNS = ['password', 'email address', 'invoice', 'subscription', 'account', 'profile photo', 'two-factor authentication', 'API key', 'workspace', 'team member', 'billing address', 'payment method', 'notification settings', 'data export', 'mobile app', 'integration', 'webhook', 'report', 'ticket', 'language', 'phone number', 'single sign-on', 'refund', 'order', 'shipping address', 'coupon'];
const PLACES = ['Settings', 'your profile', 'the admin console', 'the billing page', 'the mobile app', 'the help menu', 'the dashboard', 'the account page'];
const ADVERBS = ['usually', 'always', 'sometimes', 'only', 'immediately', 'within a few minutes', 'after a restart'];
const TITLES = [
  (v, n) => `How to ${v} your ${n}`,
  (v, n) => `${cap(v)} a ${n}`,
  (v, n) => `Why can't I ${v} my ${n}?`,
  (_v, n) => `Troubleshooting ${n} problems`,
  (v, n) => `${cap(n)}: ${v} step by step`,
];
const SENTENCES = [
  (r) => `To ${pick(r, VERBS)} your ${pick(r, NOUNS)}, open ${pick(r, PLACES)} and choose ${cap(pick(r, VERBS))}.`,
  (r) => `The ${pick(r, NOUNS)} is ${pick(r, ADVERBS)} updated when you ${pick(r, VERBS)} the ${pick(r, NOUNS)}.`,
  (r) => `If you cannot ${pick(r, VERBS)} the ${pick(r, NOUNS)}, check ${pick(r, PLACES)} first.`,
  (r) => `Admins can ${pick(r, VERBS)} a ${pick(r, NOUNS)} for every team member from ${pick(r, PLACES)}.`,
  (r) => `You will receive an e-mail once the ${pick(r, NOUNS)} has been ${pick(r, VERBS)}d.`,
];

const cap = (text) => text.charAt(0).toUpperCase() + text.slice(1);
function pick(r, list) {
  return list[Math.floor(r() * list.length)];
}

function chineseSentences(seedDir) {
  const simplified = [];
  const traditional = [];
  if (!existsSync(seedDir)) return { simplified: ['在线客服即时响应用户咨询。'], traditional: ['線上客服即時回應用戶諮詢。'] };
  for (const file of readdirSync(seedDir).sort()) {
    const text = readFileSync(join(seedDir, file), 'utf8').replace(/\([a-zà-ü0-9]+\)/gi, ''); // pinyin annotations in some texts
    const isTraditional = /[這個們說與為開關當無]/.test(text);
    const target = isTraditional ? traditional : simplified;
    for (const sentence of text.split(/(?<=[。！？!?])|\n+/)) {
      const clean = sentence.replace(/\s+/g, '').replace(/^[\d.、]+/, '');
      if ([...clean].length >= 8 && [...clean].length <= 90 && !target.includes(clean)) target.push(clean);
    }
  }
  return { simplified, traditional: traditional.length ? traditional : simplified };
}

function chineseTitle(r, sentences) {
  const clause = pick(r, sentences).split(/[，,、：:；;。！？!?]/).find((part) => [...part].length >= 4) ?? '客服支持';
  const title = [...clause].slice(0, 18).join('');
  return r() < 0.3 ? `如何${title}` : title;
}

/**
 * `count` articles, `mix` of locales (fractions), each with title, summary and
 * a Tiptap body of 3–8 paragraphs.
 */
export function generateArticles(count, { seedDir, seed = 42, mix = { en: 0.5, 'zh-CN': 0.4, 'zh-TW': 0.1 } } = {}) {
  const r = random(seed);
  const zh = chineseSentences(seedDir);
  const articles = [];
  for (let i = 0; i < count; i++) {
    const roll = r();
    const locale = roll < mix.en ? 'en' : roll < mix.en + mix['zh-CN'] ? 'zh-CN' : 'zh-TW';
    let title;
    let paragraphs;
    if (locale === 'en') {
      title = pick(r, TITLES)(pick(r, VERBS), pick(r, NOUNS));
      paragraphs = Array.from({ length: 3 + Math.floor(r() * 6) }, () => Array.from({ length: 2 + Math.floor(r() * 3) }, () => pick(r, SENTENCES)(r)).join(' '));
    } else {
      const pool = locale === 'zh-CN' ? zh.simplified : zh.traditional;
      title = chineseTitle(r, pool);
      paragraphs = Array.from({ length: 3 + Math.floor(r() * 6) }, () => Array.from({ length: 1 + Math.floor(r() * 3) }, () => pick(r, pool)).join(''));
    }
    const roll2 = r();
    articles.push({
      index: i,
      locale,
      title,
      summary: paragraphs[0].slice(0, 120),
      visibility: roll2 < 0.9 ? 'public' : roll2 < 0.95 ? 'signed_in' : 'internal',
      body: { type: 'doc', content: paragraphs.map((text) => ({ type: 'paragraph', content: [{ type: 'text', text }] })) },
      tags: locale === 'en' ? [pick(r, NOUNS).split(' ')[0]] : [],
    });
  }
  return articles;
}

/** What readers type, keystroke by keystroke: every prefix of realistic queries. */
export function typingQueries() {
  const en = ['reset password', 'pasword reset', 'change email address', 'download invoice', 'cancel subscription', 'two-factor authentication', 'api key', 'export data', 'notification settings', 'payment method', 'delete account', 'mobile app', 'refund order', 'shipping address', 'single sign-on', 'invite team member'];
  const zh = ['如何重置密码', '在线客服', '客服支持体系', '即时通讯服务', '用户反馈', '账户安全', '人工客服', '智能客服机器人', '客户满意度', '服务质量', '線上客服系統', '客戶服務'];
  const queries = [];
  for (const query of en) for (let n = 2; n <= query.length; n++) if (query[n - 1] !== ' ') queries.push({ query: query.slice(0, n), locale: 'en' });
  for (const query of zh) {
    const chars = [...query];
    for (let n = 1; n <= chars.length; n++) queries.push({ query: chars.slice(0, n).join(''), locale: /[線統戶務]/.test(query) ? 'zh-TW' : 'zh-CN' });
  }
  return queries;
}
