// The recommend feature's public face: what the annotate screen uses (lint lets other features import only this file).
export { SuggestionBar } from './SuggestionBar'
export { useSuggestions } from './useSuggestions'
