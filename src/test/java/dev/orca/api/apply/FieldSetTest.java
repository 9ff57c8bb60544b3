package dev.orca.api.apply;

import static dev.orca.api.apply.ApplyFixtures.deployment;
import static dev.orca.api.apply.ApplyFixtures.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FieldSetTest {
  /** What kube stores for kubectl's apply of this manifest (apiVersion, kind, name and namespace are never owned). */
  static final String DEPLOYMENT_FIELDS = """
      {'f:metadata':{'f:labels':{'f:app':{}}},
       'f:spec':{'f:replicas':{},'f:selector':{},
         'f:template':{'f:metadata':{'f:labels':{'f:app':{}}},
           'f:spec':{'f:containers':{'k:{\\'name\\':\\'nginx\\'}':{'.':{},'f:image':{},'f:name':{},
             'f:ports':{'k:{\\'containerPort\\':80,\\'protocol\\':\\'TCP\\'}':{'.':{},'f:containerPort':{}}}}}}}}}
      """;

  @Test
  void aDeploymentsFieldsRoundTripThroughFieldsV1() {
    FieldSet fields = Scope.MAIN.ownable(FieldSet.of(deployment(3, "nginx:1.25"), ListKeys.forKind("Deployment")));

    JsonNode fieldsV1 = fields.toFieldsV1();

    assertEquals(json(DEPLOYMENT_FIELDS), fieldsV1);
    assertEquals(Values.write(json(DEPLOYMENT_FIELDS)), Values.write(fieldsV1), "keys in kube's order");
    assertEquals(fields, FieldSet.fromFieldsV1(fieldsV1));
  }

  @Test
  void pathsPrintAsInKubeConflicts() {
    FieldSet fields = FieldSet.of(deployment(3, "nginx:1.25"), ListKeys.forKind("Deployment"));
    Path container = Path.fields("spec", "template", "spec", "containers")
        .child(PathElement.key(Map.of("name", TextNode.valueOf("nginx"))));
    Path port = container.child(PathElement.field("ports"))
        .child(PathElement.key(Map.of("containerPort", IntNode.valueOf(80), "protocol", TextNode.valueOf("TCP"))));

    assertTrue(fields.contains(container.child(PathElement.field("image"))));
    assertTrue(fields.contains(port));
    assertEquals(".spec.template.spec.containers[name=\"nginx\"].image",
        container.child(PathElement.field("image")).toString());
    assertEquals(".spec.template.spec.containers[name=\"nginx\"].ports[containerPort=80,protocol=\"TCP\"]",
        port.toString());
    assertTrue(fields.contains(Path.fields("spec", "selector")), "a label selector is atomic");
    assertFalse(fields.contains(Path.fields("spec", "selector", "matchLabels", "app")));
  }

  @Test
  void setListsUseValuesAndAtomicListsAreOneField() {
    JsonNode pod = json("""
        {'apiVersion':'v1','kind':'Pod','metadata':{'name':'p','finalizers':['a/b','c']},
         'spec':{'tolerations':[{'key':'k','operator':'Exists'}],
           'containers':[{'name':'web','args':['-v'],'env':[{'name':'A','value':'1'}]}]}}
        """);

    JsonNode fieldsV1 = FieldSet.of(pod, ListKeys.forKind("Pod")).toFieldsV1();

    assertEquals(json("{'v:\\'a/b\\'':{},'v:\\'c\\'':{}}"), fieldsV1.at("/f:metadata/f:finalizers"));
    assertEquals(json("{}"), fieldsV1.at("/f:spec/f:tolerations"));
    assertEquals(json("""
        {'.':{},'f:args':{},'f:env':{'k:{\\'name\\':\\'A\\'}':{'.':{},'f:name':{},'f:value':{}}},'f:name':{}}
        """), fieldsV1.at("/f:spec/f:containers/k:{\"name\":\"web\"}"));
  }

  @Test
  void decodingKeepsMembersThatAlsoHaveChildrenAndSkipsUnknownElements() {
    FieldSet set = FieldSet.fromFieldsV1(json("""
        {'f:metadata':{'f:labels':{'.':{},'f:app':{}}},'x:future':{},'f:spec':{'f:replicas':{}}}
        """));

    assertEquals(FieldSet.of(Path.fields("metadata", "labels"), Path.fields("metadata", "labels", "app"),
        Path.fields("spec", "replicas")), set);
    assertEquals(json("{'f:metadata':{'f:labels':{'.':{},'f:app':{}}},'f:spec':{'f:replicas':{}}}"), set.toFieldsV1());
  }

  @Test
  void malformedFieldsAreRejected() {
    assertThrows(IllegalArgumentException.class, () -> FieldSet.fromFieldsV1(json("{'f:spec':{'f:replicas':1}}")));
    assertThrows(IllegalArgumentException.class, () -> FieldSet.fromFieldsV1(json("{'k:notjson':{}}")));
  }

  @Test
  void setAlgebra() {
    Path replicas = Path.fields("spec", "replicas");
    Path spec = Path.fields("spec");
    FieldSet a = FieldSet.of(replicas, Path.fields("spec", "paused"));
    FieldSet b = FieldSet.of(replicas, Path.fields("metadata", "labels", "app"));

    assertEquals(FieldSet.of(replicas), a.intersection(b));
    assertEquals(FieldSet.of(Path.fields("spec", "paused")), a.difference(b));
    assertEquals(3, a.union(b).size());
    assertTrue(a.hasDescendant(spec));
    assertFalse(a.hasDescendant(replicas));
    assertEquals(FieldSet.of(Path.fields("metadata", "labels", "app")), a.union(b).withoutPrefix(spec));
  }
}
