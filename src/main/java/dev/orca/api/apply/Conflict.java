package dev.orca.api.apply;

/**
 * A field the applied configuration would change that another manager owns.
 *
 * @param owner the manager's entry (its fields are those it held when the conflict was found)
 * @param path the field
 */
public record Conflict(ManagedFieldsEntry owner, Path path) {

  /** The field as kube names it in a Status cause: {@code .spec.replicas}. */
  public String field() {
    return path.toString();
  }

  /** The cause message kube gives: {@code conflict with "kubectl-edit" using apps/v1}. */
  public String causeMessage() {
    return "conflict with " + owner.describe();
  }
}
