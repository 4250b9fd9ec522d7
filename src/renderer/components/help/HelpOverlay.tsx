import { Fragment, useEffect, useRef } from 'react'
import type { LabelType } from '../../../shared/domain/model'
import './help.css'
import { EDITOR_SHORTCUTS } from './shortcuts'

function Keys({ keys }: { keys: string[][] }) {
  return (
    <span className="help-keys">
      {keys.map((combo, i) => (
        <Fragment key={i}>
          {i > 0 && <span className="help-or">or</span>}
          <span className="help-combo">
            {combo.map((k) => (
              <kbd key={k}>{k}</kbd>
            ))}
          </span>
        </Fragment>
      ))}
    </span>
  )
}

const constraint = (types: string[]) => (types.length ? types.join(', ') : 'any')

/**
 * Every action of the annotate screen and its key (`?`): the schema's labels
 * with their hotkeys and colours, then navigation, relations, history, search
 * and status. Esc, `?` or a click outside closes it (the screen's key handler
 * calls onClose).
 */
export function HelpOverlay(props: { labels: LabelType[]; snapping: boolean; onClose: () => void }) {
  const card = useRef<HTMLDivElement>(null)
  useEffect(() => card.current?.focus(), [])
  const entities = props.labels.filter((l) => l.kind === 'entity')
  const relations = props.labels.filter((l) => l.kind === 'relation')

  return (
    <div className="help-backdrop" onMouseDown={props.onClose}>
      <div
        ref={card}
        className="help-card"
        role="dialog"
        aria-modal="true"
        aria-labelledby="help-title"
        tabIndex={-1}
        onMouseDown={(e) => e.stopPropagation()}
      >
        <header className="help-head">
          <h2 id="help-title">Keyboard shortcuts</h2>
          <span className="muted">
            <kbd>?</kbd> or <kbd>Esc</kbd> to close
          </span>
          <button type="button" className="help-close" aria-label="Close help" onClick={props.onClose}>
            ×
          </button>
        </header>
        <div className="help-body">
          <section className="help-group help-labels" aria-label="Labels">
            <h3>Labels</h3>
            <p className="help-note">
              Select text, then press its key. Token snapping is <strong>{props.snapping ? 'on' : 'off'}</strong>: a selection{' '}
              {props.snapping ? 'grows to whole words' : 'is kept as drawn'}.
            </p>
            <ul>
              {entities.map((l) => (
                <li key={l.id} data-help-label={l.name} style={{ ['--c' as string]: l.color }}>
                  {l.hotkey ? <kbd>{l.hotkey}</kbd> : <span className="help-nokey">—</span>}
                  <span className="chip-label">{l.name}</span>
                  <span className="help-desc">{l.description}</span>
                </li>
              ))}
            </ul>
            {relations.length > 0 && (
              <>
                <h3>Relation types</h3>
                <ul className="help-relations">
                  {relations.map((l) => (
                    <li key={l.id} data-help-relation={l.name}>
                      <span className="help-rel-name">{l.name}</span>
                      <span className="help-desc">
                        {constraint(l.headTypes)} → {constraint(l.tailTypes)}
                      </span>
                    </li>
                  ))}
                </ul>
              </>
            )}
          </section>
          <div className="help-groups">
            {EDITOR_SHORTCUTS.map((g) => (
              <section key={g.title} className="help-group" aria-label={g.title}>
                <h3>{g.title}</h3>
                <dl>
                  {g.shortcuts.map((s) => (
                    <div key={s.action} className="help-row">
                      <dt>
                        <Keys keys={s.keys} />
                      </dt>
                      <dd>{s.action}</dd>
                    </div>
                  ))}
                </dl>
              </section>
            ))}
          </div>
        </div>
      </div>
    </div>
  )
}
