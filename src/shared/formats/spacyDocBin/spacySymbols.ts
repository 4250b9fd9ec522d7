/**
 * spaCy's built-in symbols, in the order of `cdef enum symbol_t` in spacy/symbols.pxd (explosion/spaCy, the
 * version that ends at ENT_KB_ID): a symbol's id is its index here. StringStore.add returns this id, not a
 * hash, for these strings (spacy/strings.pyx: `if string in SYMBOLS_BY_STR: return SYMBOLS_BY_STR[string]`),
 * so a DocBin stores "PERSON" as 380 and a token "number" as 432. Checked against spaCy's docs: DEP is 76
 * (website/docs/api/attributes.md) and `nlp.vocab.strings["PERSON"]` prints 380 (spaCy course output).
 */
const SYMBOL_NAMES: readonly string[] = [
  'NIL', 'IS_ALPHA', 'IS_ASCII', 'IS_DIGIT', 'IS_LOWER', 'IS_PUNCT', 'IS_SPACE', 'IS_TITLE', 'IS_UPPER', 'LIKE_URL',
  'LIKE_NUM', 'LIKE_EMAIL', 'IS_STOP', 'IS_OOV', 'IS_BRACKET', 'IS_QUOTE', 'IS_LEFT_PUNCT', 'IS_RIGHT_PUNCT',
  'IS_CURRENCY', 'FLAG19', 'FLAG20', 'FLAG21', 'FLAG22', 'FLAG23', 'FLAG24', 'FLAG25', 'FLAG26', 'FLAG27', 'FLAG28',
  'FLAG29', 'FLAG30', 'FLAG31', 'FLAG32', 'FLAG33', 'FLAG34', 'FLAG35', 'FLAG36', 'FLAG37', 'FLAG38', 'FLAG39',
  'FLAG40', 'FLAG41', 'FLAG42', 'FLAG43', 'FLAG44', 'FLAG45', 'FLAG46', 'FLAG47', 'FLAG48', 'FLAG49', 'FLAG50',
  'FLAG51', 'FLAG52', 'FLAG53', 'FLAG54', 'FLAG55', 'FLAG56', 'FLAG57', 'FLAG58', 'FLAG59', 'FLAG60', 'FLAG61',
  'FLAG62', 'FLAG63', 'ID', 'ORTH', 'LOWER', 'NORM', 'SHAPE', 'PREFIX', 'SUFFIX', 'LENGTH', 'CLUSTER', 'LEMMA',
  'POS', 'TAG', 'DEP', 'ENT_IOB', 'ENT_TYPE', 'HEAD', 'SENT_START', 'SPACY', 'PROB', 'LANG', 'ADJ', 'ADP', 'ADV',
  'AUX', 'CONJ', 'CCONJ', 'DET', 'INTJ', 'NOUN', 'NUM', 'PART', 'PRON', 'PROPN', 'PUNCT', 'SCONJ', 'SYM', 'VERB',
  'X', 'EOL', 'SPACE', 'Animacy_anim', 'Animacy_inan', 'Animacy_hum', 'Animacy_nhum', 'Aspect_freq', 'Aspect_imp',
  'Aspect_mod', 'Aspect_none', 'Aspect_perf', 'Aspect_iter', 'Aspect_hab', 'Case_abe', 'Case_abl', 'Case_abs',
  'Case_acc', 'Case_ade', 'Case_all', 'Case_cau', 'Case_com', 'Case_cmp', 'Case_dat', 'Case_del', 'Case_dis',
  'Case_ela', 'Case_equ', 'Case_ess', 'Case_gen', 'Case_ill', 'Case_ine', 'Case_ins', 'Case_loc', 'Case_lat',
  'Case_nom', 'Case_par', 'Case_sub', 'Case_sup', 'Case_tem', 'Case_ter', 'Case_tra', 'Case_voc', 'Definite_two',
  'Definite_def', 'Definite_red', 'Definite_cons', 'Definite_ind', 'Definite_spec', 'Degree_cmp', 'Degree_comp',
  'Degree_none', 'Degree_pos', 'Degree_sup', 'Degree_abs', 'Degree_com', 'Degree_dim', 'Degree_equ', 'Evident_nfh',
  'Gender_com', 'Gender_fem', 'Gender_masc', 'Gender_neut', 'Mood_cnd', 'Mood_imp', 'Mood_ind', 'Mood_n', 'Mood_pot',
  'Mood_sub', 'Mood_opt', 'Mood_prp', 'Mood_adm', 'Negative_neg', 'Negative_pos', 'Negative_yes', 'Polarity_neg',
  'Polarity_pos', 'Number_com', 'Number_dual', 'Number_none', 'Number_plur', 'Number_sing', 'Number_ptan',
  'Number_count', 'Number_tri', 'NumType_card', 'NumType_dist', 'NumType_frac', 'NumType_gen', 'NumType_mult',
  'NumType_none', 'NumType_ord', 'NumType_sets', 'Person_one', 'Person_two', 'Person_three', 'Person_none',
  'Poss_yes', 'PronType_advPart', 'PronType_art', 'PronType_default', 'PronType_dem', 'PronType_ind', 'PronType_int',
  'PronType_neg', 'PronType_prs', 'PronType_rcp', 'PronType_rel', 'PronType_tot', 'PronType_clit', 'PronType_exc',
  'PronType_emp', 'Reflex_yes', 'Tense_fut', 'Tense_imp', 'Tense_past', 'Tense_pres', 'VerbForm_fin', 'VerbForm_ger',
  'VerbForm_inf', 'VerbForm_none', 'VerbForm_part', 'VerbForm_partFut', 'VerbForm_partPast', 'VerbForm_partPres',
  'VerbForm_sup', 'VerbForm_trans', 'VerbForm_conv', 'VerbForm_gdv', 'VerbForm_vnoun', 'Voice_act', 'Voice_cau',
  'Voice_pass', 'Voice_mid', 'Voice_int', 'Voice_antip', 'Voice_dir', 'Voice_inv', 'Abbr_yes', 'AdpType_prep',
  'AdpType_post', 'AdpType_voc', 'AdpType_comprep', 'AdpType_circ', 'AdvType_man', 'AdvType_loc', 'AdvType_tim',
  'AdvType_deg', 'AdvType_cau', 'AdvType_mod', 'AdvType_sta', 'AdvType_ex', 'AdvType_adadj', 'ConjType_oper',
  'ConjType_comp', 'Connegative_yes', 'Derivation_minen', 'Derivation_sti', 'Derivation_inen', 'Derivation_lainen',
  'Derivation_ja', 'Derivation_ton', 'Derivation_vs', 'Derivation_ttain', 'Derivation_ttaa', 'Echo_rdp', 'Echo_ech',
  'Foreign_foreign', 'Foreign_fscript', 'Foreign_tscript', 'Foreign_yes', 'Gender_dat_masc', 'Gender_dat_fem',
  'Gender_erg_masc', 'Gender_erg_fem', 'Gender_psor_masc', 'Gender_psor_fem', 'Gender_psor_neut', 'Hyph_yes',
  'InfForm_one', 'InfForm_two', 'InfForm_three', 'NameType_geo', 'NameType_prs', 'NameType_giv', 'NameType_sur',
  'NameType_nat', 'NameType_com', 'NameType_pro', 'NameType_oth', 'NounType_com', 'NounType_prop', 'NounType_class',
  'Number_abs_sing', 'Number_abs_plur', 'Number_dat_sing', 'Number_dat_plur', 'Number_erg_sing', 'Number_erg_plur',
  'Number_psee_sing', 'Number_psee_plur', 'Number_psor_sing', 'Number_psor_plur', 'Number_pauc', 'Number_grpa',
  'Number_grpl', 'Number_inv', 'NumForm_digit', 'NumForm_roman', 'NumForm_word', 'NumValue_one', 'NumValue_two',
  'NumValue_three', 'PartForm_pres', 'PartForm_past', 'PartForm_agt', 'PartForm_neg', 'PartType_mod', 'PartType_emp',
  'PartType_res', 'PartType_inf', 'PartType_vbp', 'Person_abs_one', 'Person_abs_two', 'Person_abs_three',
  'Person_dat_one', 'Person_dat_two', 'Person_dat_three', 'Person_erg_one', 'Person_erg_two', 'Person_erg_three',
  'Person_psor_one', 'Person_psor_two', 'Person_psor_three', 'Person_zero', 'Person_four', 'Polite_inf',
  'Polite_pol', 'Polite_abs_inf', 'Polite_abs_pol', 'Polite_erg_inf', 'Polite_erg_pol', 'Polite_dat_inf',
  'Polite_dat_pol', 'Polite_infm', 'Polite_form', 'Polite_form_elev', 'Polite_form_humb', 'Prefix_yes',
  'PrepCase_npr', 'PrepCase_pre', 'PunctSide_ini', 'PunctSide_fin', 'PunctType_peri', 'PunctType_qest',
  'PunctType_excl', 'PunctType_quot', 'PunctType_brck', 'PunctType_comm', 'PunctType_colo', 'PunctType_semi',
  'PunctType_dash', 'Style_arch', 'Style_rare', 'Style_poet', 'Style_norm', 'Style_coll', 'Style_vrnc', 'Style_sing',
  'Style_expr', 'Style_derg', 'Style_vulg', 'Style_yes', 'StyleVariant_styleShort', 'StyleVariant_styleBound',
  'VerbType_aux', 'VerbType_cop', 'VerbType_mod', 'VerbType_light', 'PERSON', 'NORP', 'FACILITY', 'ORG', 'GPE',
  'LOC', 'PRODUCT', 'EVENT', 'WORK_OF_ART', 'LANGUAGE', 'LAW', 'DATE', 'TIME', 'PERCENT', 'MONEY', 'QUANTITY',
  'ORDINAL', 'CARDINAL', 'acomp', 'advcl', 'advmod', 'agent', 'amod', 'appos', 'attr', 'aux', 'auxpass', 'cc',
  'ccomp', 'complm', 'conj', 'cop', 'csubj', 'csubjpass', 'dep', 'det', 'dobj', 'expl', 'hmod', 'hyph', 'infmod',
  'intj', 'iobj', 'mark', 'meta', 'neg', 'nmod', 'nn', 'npadvmod', 'nsubj', 'nsubjpass', 'num', 'number', 'oprd',
  'obj', 'obl', 'parataxis', 'partmod', 'pcomp', 'pobj', 'poss', 'possessive', 'preconj', 'prep', 'prt', 'punct',
  'quantmod', 'relcl', 'rcmod', 'root', 'xcomp', 'acl', 'ENT_KB_ID',
]

/** Attribute ids a DocBin's `attrs` list holds (spacy/attrs.pxd names them after these symbols). */
export const ATTR = { ORTH: 65, NORM: 67, LEMMA: 73, POS: 74, TAG: 75, DEP: 76, ENT_IOB: 77, ENT_TYPE: 78, HEAD: 79, SENT_START: 80, SPACY: 81, ENT_KB_ID: 452 } as const

// Symbol 0's string is "" (symbols.pyx: `IDS = {"": NIL, ...}`): the label "NIL" (entity linking's) is hashed as any string.
const BY_NAME = new Map<string, number>(SYMBOL_NAMES.map((name, id): [string, number] => [name, id]).slice(1))

/** The id spaCy gives a string: its symbol id, 0 for "", else its hash (see spacyHashString). */
export function symbolId(s: string): number | undefined {
  return s === '' ? 0 : BY_NAME.get(s)
}

/** The string of a symbol id (1-452), as spaCy's StringStore gives it for such an id whether or not it holds it. */
export function symbolName(id: number): string | undefined {
  return id > 0 && id < SYMBOL_NAMES.length ? SYMBOL_NAMES[id] : undefined
}

/** An attribute id's name, for messages ("TAG"), or its number. */
export function attrName(id: number): string {
  return id < SYMBOL_NAMES.length && id > 0 && id < 100 ? SYMBOL_NAMES[id] : id === ATTR.ENT_KB_ID ? 'ENT_KB_ID' : String(id)
}
