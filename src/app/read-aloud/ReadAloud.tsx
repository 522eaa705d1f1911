import { Fragment, useCallback, useEffect, useRef, useState, useSyncExternalStore } from 'react';
import { useTranslation } from 'react-i18next';
import type { Glossary } from '../../content/schema.ts';
import { RichText, TermBlock } from '../ui/RichText.tsx';
import { type PlayerState, ReadAloudPlayer } from './player.ts';
import type { Script } from './script.ts';
import './read-aloud.scss';

/**
 * Read-aloud for a page: a control block (Listen, Pause, Resume, Stop), which stays at the top of
 * the screen while reading, and the page's text cut into sentences (<Readable>), the one being
 * read highlighted with the class `app-reading` and kept in the middle of the view.
 * The voices (and the speech engine) are loaded only when a person first presses Listen, so
 * nothing heavy is on the page's first paint. Renders with react-dom/server too (no window or
 * document during render).
 *
 * Give <ReadAloud> a key made of the page and language: leaving the page, or switching language,
 * unmounts it, which stops reading.
 */

type Props = { script: Script };

const idle: PlayerState = { status: 'idle', index: null };
const noSubscription = () => () => {};
const onClient = () => true;
const onServer = () => false;

function prefersReducedMotion(): boolean {
  return document.documentElement.classList.contains('app-reduce-motion') || (typeof matchMedia === 'function' && matchMedia('(prefers-reduced-motion: reduce)').matches);
}

export function ReadAloud({ script }: Props) {
  const { t } = useTranslation();
  const [state, setState] = useState<PlayerState>(idle);
  const [heard, setHeard] = useState(false);
  const [stopped, setStopped] = useState(false);
  const player = useRef<ReadAloudPlayer | null>(null);
  const block = useRef<HTMLDivElement>(null);
  const mainButton = useRef<HTMLButtonElement>(null);
  const alive = useRef(true);
  // Drawn only once the page runs (not in prerendered HTML, where the buttons could do nothing).
  const mounted = useSyncExternalStore(noSubscription, onClient, onServer);

  // Leaving the page (or the language changing, which remounts this) stops reading.
  useEffect(() => {
    alive.current = true;
    return () => {
      alive.current = false;
      if (!player.current) return;
      player.current.stop();
      player.current = null;
      void import('./voices.ts').then((m) => m.silence());
    };
  }, []);

  // Highlight the sentence being read (a class on a span <Readable> drew; React never sets it, so a
  // re-render keeps it), and keep it in the middle of the view, gently, so the eye need not hunt.
  const highlighted = state.status === 'loading' || state.status === 'playing' || state.status === 'paused' ? state.index : null;
  useEffect(() => {
    if (highlighted === null) return undefined;
    const page = block.current?.closest('main') ?? document;
    const spans = [...page.querySelectorAll(`[data-sentence="${highlighted}"]`)];
    for (const span of spans) span.classList.add('app-reading');
    const first = spans[0];
    if (first && typeof first.scrollIntoView === 'function') {
      first.scrollIntoView({ block: 'center', inline: 'nearest', behavior: prefersReducedMotion() ? 'auto' : 'smooth' });
    }
    return () => {
      for (const span of spans) span.classList.remove('app-reading');
    };
  }, [highlighted]);

  // While reading, the controls stay at the top of the screen (a sticky bar: read-aloud.scss). The
  // page keeps anything that takes focus clear of the bar (scroll-padding), so the bar never
  // covers what a keyboard user is on.
  const active = highlighted !== null;
  useEffect(() => {
    const bar = block.current;
    if (!active || !bar || typeof ResizeObserver !== 'function') return undefined;
    const root = document.documentElement;
    const keepClear = () => root.style.setProperty('scroll-padding-top', `${bar.offsetHeight + 10}px`);
    const observer = new ResizeObserver(keepClear);
    observer.observe(bar);
    keepClear();
    return () => {
      observer.disconnect();
      root.style.removeProperty('scroll-padding-top');
    };
  }, [active]);

  const listen = useCallback(async () => {
    setStopped(false);
    setState({ status: 'loading', index: 0 });
    try {
      if (!player.current) {
        const { createVoice } = await import('./voices.ts');
        const voice = await createVoice([...new Set(script.sentences.map((s) => s.lng))]);
        if (!alive.current) return;
        player.current = new ReadAloudPlayer(script.sentences, voice, (next) => {
          if (!alive.current) return;
          setState(next);
          if (next.status === 'playing') setHeard(true);
        });
      }
      player.current.listen();
    } catch (error) {
      console.error(error);
      if (alive.current) setState({ status: 'failed', index: null });
    }
  }, [script]);

  const { status } = state;
  const reading = status === 'loading' || status === 'playing' || status === 'paused';
  const press = () => {
    if (status === 'paused') player.current?.resume();
    else if (reading) player.current?.pause();
    else void listen();
  };
  const stop = () => {
    player.current?.stop();
    setState(idle);
    setStopped(true);
    mainButton.current?.focus();
  };
  const mainLabel = status === 'paused' ? t('readAloud.resume') : reading ? t('readAloud.pause') : t('readAloud.listen');
  const message =
    status === 'loading' && !heard
      ? t('readAloud.status.loading')
      : status === 'loading' || status === 'playing'
        ? t('readAloud.status.playing')
        : status === 'paused'
          ? t('readAloud.status.paused')
          : status === 'finished'
            ? t('readAloud.status.finished')
            : stopped
              ? t('readAloud.status.stopped')
              : '';

  if (!mounted) return null;
  return (
    <div ref={block} className={`app-read-aloud${reading ? ' app-read-aloud--reading' : ''}`} role="group" aria-label={t('readAloud.label')}>
      <div className="govuk-button-group app-read-aloud__buttons">
        <button ref={mainButton} type="button" className="govuk-button app-read-aloud__main" onClick={press}>
          {mainLabel}
        </button>
        {reading ? (
          <button type="button" className="govuk-button govuk-button--secondary app-read-aloud__stop" onClick={stop}>
            {t('readAloud.stop')}
          </button>
        ) : null}
      </div>
      <p className="govuk-body app-read-aloud__status" role="status">
        {message}
      </p>
      {status === 'failed' ? (
        <p className="govuk-body app-read-aloud__failed" role="alert">
          <strong>{t('readAloud.failedTitle')}</strong> {t('readAloud.failed')}
        </p>
      ) : null}
    </div>
  );
}

type ReadableProps = { script: Script; at: string; text: string; lng: string; glossary: Glossary };

/**
 * One block of text (paragraph, list item, heading) with each sentence in a span that can be
 * highlighted. Its terms' meanings open after the whole block, not inside a sentence.
 */
export function Readable({ script, at, text, lng, glossary }: ReadableProps) {
  const segments = script.blocks.get(at);
  if (!segments) return <RichText text={text} lng={lng} glossary={glossary} />;
  return (
    <TermBlock text={text} lng={lng} glossary={glossary}>
      {segments.map((segment, n) =>
        segment.kind === 'gap' ? (
          <Fragment key={n}>{segment.text}</Fragment>
        ) : (
          <span key={n} className="app-sentence" data-sentence={segment.index}>
            <RichText text={segment.markup} lng={lng} glossary={glossary} />
          </span>
        ),
      )}
    </TermBlock>
  );
}
