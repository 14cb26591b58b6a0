import { runDocument } from './client';
import { textsFor, type Lang, type Texts } from './i18n';

/** Escapes text for HTML content and attribute values. */
export function esc(value: unknown): string {
  return String(value ?? '').replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** A link from the API's data only if it is http(s): a stored `javascript:` URL must never become a link. */
export function webUrl(value: string | null | undefined): string | null {
  return value && /^https?:\/\//i.test(value) ? value : null;
}

/**
 * Shared look: the host page's font and colours by default, every choice
 * overridable by the documented custom properties (docs/WIDGETS.md).
 */
export const BASE_CSS = `
:host{display:block;font-family:var(--es-font-family,inherit);font-size:var(--es-font-size,inherit);color:var(--es-color,inherit);line-height:1.4}
:host([hidden]){display:none}
[part~=card]{background:var(--es-background,transparent);border:var(--es-border,1px solid currentColor);border-radius:var(--es-radius,.25em);padding:var(--es-padding,1em)}
h2{font-size:var(--es-heading-size,1.25em);margin:0 0 .5em}
h3{font-size:1em;margin:.75em 0 .25em}
ul{margin:0;padding-left:1.25em}
dl{margin:0}dt{font-weight:bold}dd{margin:0 0 .5em}
a{color:var(--es-link-color,inherit)}
a:focus-visible,button:focus-visible,select:focus-visible{outline:var(--es-focus-outline,3px solid currentColor);outline-offset:2px}
button,select{font:inherit;color:inherit;background:var(--es-background,transparent);border:1px solid currentColor;border-radius:var(--es-radius,.25em);padding:.25em .5em}
[part~=status],[part~=error]{margin:0}
`;

/**
 * Base of the four widgets: shadow DOM, language, the API attribute, and the
 * loading, empty and error states. A subclass says which document to run with
 * which variables and turns the answer into markup.
 */
export abstract class WidgetElement<T> extends HTMLElement {
  static observedAttributes = ['api', 'lang'];
  protected readonly root: ShadowRoot;
  private controller: AbortController | undefined;
  private queued = false;

  constructor() {
    super();
    this.root = this.attachShadow({ mode: 'open' });
  }

  get language(): Lang {
    return this.getAttribute('lang')?.toLowerCase().startsWith('en') ? 'en' : 'de';
  }

  protected get t(): Texts {
    return textsFor(this.language);
  }

  connectedCallback(): void {
    this.reload();
  }

  disconnectedCallback(): void {
    this.controller?.abort();
  }

  attributeChangedCallback(): void {
    if (this.isConnected) this.reload();
  }

  /** Styles of the subclass, after the shared ones. */
  protected css(): string {
    return '';
  }

  /** The document's hash and variables, or null when an attribute it needs is missing. */
  protected abstract request(): { hash: string; variables: Record<string, unknown> } | null;

  /** Markup for an answer; null means the empty state. */
  protected abstract view(data: T): string | null;

  /** Called after a view is in the shadow root, to wire events. */
  protected wire(): void {}

  /** Reloads once per task however many attributes changed. */
  protected reload(): void {
    if (this.queued) return;
    this.queued = true;
    queueMicrotask(() => {
      this.queued = false;
      void this.load();
    });
  }

  protected fetchData(hash: string, variables: Record<string, unknown>): Promise<T> {
    this.controller?.abort();
    this.controller = new AbortController();
    return runDocument<T>(this.getAttribute('api') ?? '', hash, variables, this.controller.signal);
  }

  protected frame(body: string): void {
    this.root.innerHTML = `<style>${BASE_CSS}${this.css()}</style><div part="card" lang="${this.language}">${body}</div>`;
  }

  protected stateMarkup(kind: 'loading' | 'empty' | 'error', message?: string): string {
    if (kind === 'error') return `<p part="error" role="alert">${esc(message ?? this.t.error)}</p><button part="retry" type="button">${esc(this.t.retry)}</button>`;
    return `<p part="status" role="status">${esc(kind === 'loading' ? this.t.loading : (message ?? this.t.empty))}</p>`;
  }

  protected async load(): Promise<void> {
    if (!this.getAttribute('api')) return this.showError(this.t.noApi);
    const request = this.request();
    if (!request) return this.show(null);
    this.frame(this.stateMarkup('loading'));
    this.setAttribute('data-state', 'loading');
    try {
      const data = await this.fetchData(request.hash, request.variables);
      this.show(data);
    } catch (error) {
      if ((error as Error).name === 'AbortError') return;
      this.showError();
    }
  }

  protected show(data: T | null): void {
    const markup = data === null ? null : this.view(data);
    this.frame(markup ?? this.stateMarkup('empty'));
    this.setAttribute('data-state', markup === null ? 'empty' : 'loaded');
    this.wire();
  }

  protected showError(message?: string): void {
    this.frame(this.stateMarkup('error', message));
    this.setAttribute('data-state', 'error');
    this.root.querySelector('[part~=retry]')?.addEventListener('click', () => this.reload());
  }
}
