/**
 * PATCH bodies applied to API objects, without the HTTP layer: JSON Patch (RFC 6902), JSON Merge
 * Patch (RFC 7386) and Kubernetes' strategic merge patch, each on Jackson's {@code JsonNode}.
 *
 * <p>{@link dev.orca.api.patch.Patches#apply} picks one by Content-Type. A patch that fails throws a
 * {@link dev.orca.api.patch.PatchException} carrying what kube-apiserver answers: 415
 * UnsupportedMediaType for another Content-Type, 400 BadRequest for a body that is not a patch of its
 * type, 413 RequestEntityTooLarge for a JSON patch of more than 10,000 operations, 422 Invalid ("the
 * server rejected our request due to an error in our request") for one that does not apply.
 */
package dev.orca.api.patch;
