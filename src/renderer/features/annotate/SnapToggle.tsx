/** The token snapping switch in the palette (also the `s` key). */
export function SnapToggle(props: { on: boolean; onChange: (on: boolean) => void }) {
  return (
    <button
      type="button"
      role="switch"
      aria-checked={props.on}
      className="snap-toggle"
      title={props.on ? 'Selections grow to whole words (key s turns this off)' : 'Spans keep the selection as drawn (key s snaps to words)'}
      // Keep the text selection, as the label buttons do.
      onMouseDown={(e) => e.preventDefault()}
      onClick={() => props.onChange(!props.on)}
    >
      <span className="snap-switch" aria-hidden />
      Snap to words
      <kbd>s</kbd>
    </button>
  )
}
