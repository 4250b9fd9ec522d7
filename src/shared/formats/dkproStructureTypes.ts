/**
 * UIMA type packages that structure a document rather than annotate it: UIMA's
 * own (sofas, views, arrays), DKPro's segmentation (Token, Sentence, Lemma, …),
 * part of speech and morphology, syntax (constituents, chunks, dependencies
 * between tokens), metadata (DocumentMetaData, TagsetDescription) and
 * WebAnno/INCEpTION's bookkeeping. Neither the XMI nor the WebAnno TSV reader
 * imports them, so a document reads alike from either of INCEpTION's formats.
 */
const STRUCTURE_PACKAGES = [
  'uima.cas.',
  'uima.tcas.',
  'de.tudarmstadt.ukp.dkpro.core.api.segmentation.type.',
  'de.tudarmstadt.ukp.dkpro.core.api.lexmorph.type.',
  'de.tudarmstadt.ukp.dkpro.core.api.syntax.type.',
  'de.tudarmstadt.ukp.dkpro.core.api.metadata.type.',
  'de.tudarmstadt.ukp.dkpro.core.api.transform.type.',
  'de.tudarmstadt.ukp.clarin.webanno.api.type.',
]

/** Whether a fully qualified UIMA type name is document structure. */
export const isStructureType = (type: string): boolean => STRUCTURE_PACKAGES.some((p) => type.startsWith(p))
