package dev.orca;

/** Marks messages, events and states that cross JVMs or go to the journal: bound to jackson-cbor. */
public interface CborSerializable {}
