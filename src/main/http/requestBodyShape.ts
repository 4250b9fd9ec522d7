import { JsonDepthScanner, MAX_JSON_DEPTH } from '../../shared/formats/jsonDepth'

/**
 * How many objects, arrays and strings (object keys included) one API request body may hold. Parsing and handing a
 * body to the API worker costs about a microsecond per object or string on the serving thread (measured: 60 MB of
 * `{"a":1}`, 7.9 million objects, took 4 s to parse and 7 s to clone; 75 MB of `"ab"`, 15 million strings, 0.8 s and
 * 5 s), so a body of tiny values under the byte limit stopped every other request for seconds. No call needs this
 * many: the largest lists in the contract are 10,000 items of a few fields (review.decide). Plain numbers are not
 * counted (review.agreement's 1,000,000 documentIds; 15 million numbers cloned in ~0.6 s). Counted in the same pass
 * as the depth, before anything is parsed.
 */
export const MAX_JSON_ITEMS = 500_000

export type BodyShapeProblem = { status: 400 | 413; message: string }

/**
 * One linear pass over the JSON text outside strings (the import readers' JsonDepthScanner): nesting deeper than
 * MAX_JSON_DEPTH (400; walking such a value overflows the stack), or more than MAX_JSON_ITEMS objects, arrays and
 * strings (413, naming the limit). Null when fine.
 */
export function requestBodyProblem(text: string, maxItems = MAX_JSON_ITEMS, maxDepth = MAX_JSON_DEPTH): BodyShapeProblem | null {
  const scan = new JsonDepthScanner(maxDepth, maxItems)
  const i = scan.feed(text)
  if (i < 0) return null
  if (scan.items > maxItems) {
    return {
      status: 413,
      message: `the request body holds more than ${maxItems} JSON objects, arrays and strings (keys included; the limit per request; at character ${i}); send fewer items per call, or a file through transfer.upload`,
    }
  }
  return { status: 400, message: `body is not JSON: JSON nested deeper than ${maxDepth} levels (at character ${i}); refused before parsing` }
}
