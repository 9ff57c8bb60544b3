package dev.orca.store;

/** One decoded object event from the journal, with its global ordering. */
record JournalRow(long ordering, ObjectKey key, long sequenceNr, ObjectEvent event) {}
