import { migration0001 } from './0001-initial'
import { migration0002 } from './0002-history'
import { migration0003 } from './0003-brat-structures'
import { migration0004 } from './0004-gold-provenance'
import { migration0005 } from './0005-library-search'
import { migration0006 } from './0006-event-triggers'
import { migration0007 } from './0007-application-id'
import { migration0008 } from './0008-recommendations'
import { migration0009 } from './0009-team-outbox'
import { migration0010 } from './0010-team-assignments'
import { migration0011 } from './0011-gold-items'
import { migration0012 } from './0012-deferred-indexing'
import { migration0013 } from './0013-layer-span-counts'
import { migration0014 } from './0014-team-membership'
import { migration0015 } from './0015-team-rejoin'
import { migration0016 } from './0016-team-outbox-on-join'
import { migration0017 } from './0017-rejection-occurrence'
import { migration0018 } from './0018-gold-sent-content'
import { migration0019 } from './0019-review-done-layers'
import { migration0020 } from './0020-review-last-finish'
import { migration0021 } from './0021-team-layer-sent'
import { migration0022 } from './0022-unspaced-search'
import type { Migration } from './migration'

/** Every migration, in order. A new one is a new file appended here. */
export const migrations: readonly Migration[] = [migration0001, migration0002, migration0003, migration0004, migration0005, migration0006, migration0007, migration0008, migration0009, migration0010, migration0011, migration0012, migration0013, migration0014, migration0015, migration0016, migration0017, migration0018, migration0019, migration0020, migration0021, migration0022]

export const LATEST_VERSION = migrations[migrations.length - 1].version
