/**
 * kube-apiserver's server-side printing: objects as a {@code meta.k8s.io} {@code Table}, the form
 * {@code kubectl get} asks for. One {@link dev.orca.api.table.TablePrinter} per kind holds
 * kube's columns and computes its cells; {@link dev.orca.api.table.Tables} wraps rows into the
 * Table JSON for lists and watch events and reads the Accept header. Pure: no actors, no I/O,
 * the time comes in as an argument.
 */
package dev.orca.api.table;
