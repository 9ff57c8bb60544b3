package dev.orca.api.patch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Kubernetes' strategic merge patch, applied as kube-apiserver applies it
 * (apimachinery/pkg/util/strategicpatch, {@code StrategicMergeMapPatch}):
 *
 * <ul>
 *   <li>maps merge key by key; a null value deletes the key; any other value replaces;
 *   <li>lists named in the {@link PatchSchema} merge: lists of objects by their merge key (a patch
 *       item changes the live item with the same key, or is added), lists of strings as a set; other
 *       lists are replaced by the patch's;
 *   <li>{@code $patch: replace} in a map replaces it, {@code $patch: delete} empties it; in a merging
 *       list, {@code {"name": "x", "$patch": "delete"}} removes the item with that key and an item
 *       {@code {"$patch": "replace"}} makes the list the patch's other items;
 *   <li>{@code $setElementOrder/<list>} orders the merged list: the items it names in its order, the
 *       others where they were;
 *   <li>{@code $retainKeys} keeps only the listed keys of the live map (the patch may only set those);
 *   <li>{@code $deleteFromPrimitiveList/<list>} removes those values from a list of strings.
 * </ul>
 *
 * <p>A field the schema does not know merges as in a JSON merge patch. Directives are honoured wherever
 * they appear, also in values the live object lacks; nulls there are dropped.
 */
public final class StrategicMergePatch {
  static final String PATCH = "$patch";
  static final String REPLACE = "replace";
  static final String DELETE = "delete";
  static final String MERGE = "merge";
  static final String RETAIN_KEYS = "$retainKeys";
  static final String SET_ELEMENT_ORDER = "$setElementOrder";
  static final String DELETE_FROM_PRIMITIVE_LIST = "$deleteFromPrimitiveList";

  private final ListMerge lists;

  private StrategicMergePatch(PatchSchema schema) {
    this.lists = new ListMerge(this, schema);
  }

  /**
   * Applies {@code patch} to {@code original}, neither of which is changed.
   *
   * @param original the live object (JSON null or Java null: an empty object)
   * @param patch an object; JSON null is an empty patch
   * @param schema the kind's merging lists; {@link PatchSchema#NONE} merges as a JSON merge patch
   * @return the patched object
   * @throws PatchException when the patch is not an object or a directive is malformed
   */
  public static JsonNode apply(JsonNode original, JsonNode patch, PatchSchema schema) {
    ObjectNode target = original != null && original.isObject()
        ? ((ObjectNode) original).deepCopy()
        : JsonNodeFactory.instance.objectNode();
    if (patch == null || patch.isNull()) {
      return target;
    }
    if (!patch.isObject()) {
      throw PatchException.invalid("json: cannot unmarshal " + JsonValues.goKind(patch)
          + " into Go value of type map[string]interface {}");
    }
    StrategicMergePatch merger = new StrategicMergePatch(schema == null ? PatchSchema.NONE : schema);
    return merger.mergeMap(target, ((ObjectNode) patch).deepCopy(), "");
  }

  /** Merges {@code patch} into {@code original} (both owned by this merge, changed in place). */
  ObjectNode mergeMap(ObjectNode original, ObjectNode patch, String path) {
    JsonNode directive = patch.get(PATCH);
    if (directive != null) {
      return mapDirective(directive, patch, path);
    }
    retainKeys(original, patch);
    setElementOrders(original, patch, path);
    for (String key : fieldNames(patch)) {
      JsonNode value = patch.get(key);
      if (key.startsWith(DELETE_FROM_PRIMITIVE_LIST)) {
        deleteFromPrimitiveList(original, key, value);
        continue;
      }
      if (value.isNull()) {
        original.remove(key);
        continue;
      }
      String child = join(path, key);
      JsonNode existing = original.get(key);
      if (existing != null && existing.isObject() && value.isObject()) {
        original.set(key, mergeMap((ObjectNode) existing, (ObjectNode) value, child));
      } else if (existing != null && existing.isArray() && value.isArray()) {
        original.set(key, lists.merge((ArrayNode) existing, (ArrayNode) value, child));
      } else {
        setOrRemove(original, key, fresh(value, child));
      }
    }
    return original;
  }

  /**
   * The value a patch gives a field the live object lacks (or holds with another type): the patch
   * value with its directives applied to nothing and its nulls dropped; null when nothing remains.
   */
  JsonNode fresh(JsonNode value, String path) {
    if (value.isObject()) {
      JsonNode directive = value.get(PATCH);
      if (directive != null && directive.isTextual() && directive.textValue().equals(DELETE)) {
        return null;
      }
      return mergeMap(JsonNodeFactory.instance.objectNode(), (ObjectNode) value, path);
    }
    if (value.isArray()) {
      return lists.merge(JsonNodeFactory.instance.arrayNode(), (ArrayNode) value, path);
    }
    return value.isNull() ? null : value;
  }

  private ObjectNode mapDirective(JsonNode directive, ObjectNode patch, String path) {
    String name = directive.isTextual() ? directive.textValue() : "";
    if (name.equals(REPLACE)) {
      ObjectNode replacement = patch.deepCopy();
      replacement.remove(PATCH);
      return mergeMap(JsonNodeFactory.instance.objectNode(), replacement, path);
    }
    if (name.equals(DELETE)) {
      return JsonNodeFactory.instance.objectNode();
    }
    throw MergeErrors.badPatchType(directive, patch);
  }

  /** {@code $retainKeys}: drops the live keys not listed; every key the patch sets must be listed. */
  private static void retainKeys(ObjectNode original, ObjectNode patch) {
    JsonNode listed = patch.remove(RETAIN_KEYS);
    if (listed == null) {
      return;
    }
    if (!listed.isArray()) {
      throw MergeErrors.badRetainKeys();
    }
    Set<String> retained = new HashSet<>();
    for (JsonNode key : listed) {
      if (key.isTextual()) {
        retained.add(key.textValue());
      }
    }
    for (String key : fieldNames(patch)) {
      if (patch.get(key).isNull() || key.startsWith(DELETE_FROM_PRIMITIVE_LIST) || key.startsWith(SET_ELEMENT_ORDER)) {
        continue;
      }
      if (!retained.contains(key)) {
        throw MergeErrors.badRetainKeys();
      }
    }
    original.retain(retained);
  }

  /** {@code $setElementOrder/<list>}: merges each such list with the patch's and orders it, before the other keys. */
  private void setElementOrders(ObjectNode original, ObjectNode patch, String path) {
    for (String key : fieldNames(patch)) {
      if (!key.startsWith(SET_ELEMENT_ORDER)) {
        continue;
      }
      JsonNode order = patch.remove(key);
      String field = listField(key, SET_ELEMENT_ORDER);
      if (field == null) {
        throw MergeErrors.badSetElementOrder();
      }
      if (!order.isArray()) {
        throw MergeErrors.badArgType("[]interface {}", order);
      }
      lists.setElementOrder(original, patch, field, (ArrayNode) order, join(path, field));
    }
  }

  /** {@code $deleteFromPrimitiveList/<list>}: removes the values from the live list. */
  private void deleteFromPrimitiveList(ObjectNode original, String key, JsonNode values) {
    String field = listField(key, DELETE_FROM_PRIMITIVE_LIST);
    if (field == null) {
      throw MergeErrors.badPrimitiveList();
    }
    JsonNode existing = original.get(field);
    if (values.isNull()) {
      original.remove(field); // as kube: the directive's null deletes the list itself
    } else if (existing != null && existing.isArray() && values.isArray()) {
      original.set(field, ListMerge.without((ArrayNode) existing, (ArrayNode) values));
    }
  }

  /** The list a {@code <prefix>/<list>} directive names, or null when the key is not of that form. */
  private static String listField(String key, String prefix) {
    int slash = key.indexOf('/');
    if (slash < 0 || !key.substring(0, slash).equals(prefix)) {
      return null;
    }
    return key.substring(slash + 1);
  }

  private static void setOrRemove(ObjectNode object, String key, JsonNode value) {
    if (value == null) {
      object.remove(key);
    } else {
      object.set(key, value);
    }
  }

  private static List<String> fieldNames(ObjectNode node) {
    List<String> names = new ArrayList<>(node.size());
    node.fieldNames().forEachRemaining(names::add);
    return names;
  }

  static String join(String path, String field) {
    return path.isEmpty() ? field : path + "." + field;
  }
}
