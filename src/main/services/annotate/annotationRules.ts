import { AppError } from '../../../shared/api/errors'
import type { AttributeValue, LabelType } from '../../../shared/domain/model'
import { attributeError } from '../../../shared/schema/annotationRules'

export { relationConstraintError } from '../../../shared/schema/annotationRules'

/** Refuses attribute values the label's schema does not define, with the reason. */
export function checkAttributes(label: LabelType, attributes: Record<string, AttributeValue>): void {
  const error = attributeError(label, attributes)
  if (error) throw new AppError('bad_request', error)
}
