package dev.orca.api.patch;

import static dev.orca.api.patch.JsonTesting.assertJson;
import static dev.orca.api.patch.JsonTesting.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

/** RFC 6902, Appendix A, and how failures are reported. */
class JsonPatchTest {
  private static JsonNode apply(String target, String patch) {
    return JsonPatch.apply(json(target), json(patch));
  }

  private static PatchException failure(String target, String patch) {
    return assertThrows(PatchException.class, () -> apply(target, patch));
  }

  @Test
  void a1AddingAnObjectMember() {
    assertJson("{\"foo\":\"bar\",\"baz\":\"qux\"}",
        apply("{\"foo\":\"bar\"}", "[{\"op\":\"add\",\"path\":\"/baz\",\"value\":\"qux\"}]"));
  }

  @Test
  void a2AddingAnArrayElement() {
    assertJson("{\"foo\":[\"bar\",\"qux\",\"baz\"]}",
        apply("{\"foo\":[\"bar\",\"baz\"]}", "[{\"op\":\"add\",\"path\":\"/foo/1\",\"value\":\"qux\"}]"));
  }

  @Test
  void a3RemovingAnObjectMember() {
    assertJson("{\"foo\":\"bar\"}",
        apply("{\"baz\":\"qux\",\"foo\":\"bar\"}", "[{\"op\":\"remove\",\"path\":\"/baz\"}]"));
  }

  @Test
  void a4RemovingAnArrayElement() {
    assertJson("{\"foo\":[\"bar\",\"baz\"]}",
        apply("{\"foo\":[\"bar\",\"qux\",\"baz\"]}", "[{\"op\":\"remove\",\"path\":\"/foo/1\"}]"));
  }

  @Test
  void a5ReplacingAValue() {
    assertJson("{\"baz\":\"boo\",\"foo\":\"bar\"}",
        apply("{\"baz\":\"qux\",\"foo\":\"bar\"}", "[{\"op\":\"replace\",\"path\":\"/baz\",\"value\":\"boo\"}]"));
  }

  @Test
  void a6MovingAValue() {
    assertJson("""
        {"foo":{"bar":"baz"},"qux":{"corge":"grault","thud":"fred"}}""",
        apply("""
            {"foo":{"bar":"baz","waldo":"fred"},"qux":{"corge":"grault"}}""",
            "[{\"op\":\"move\",\"from\":\"/foo/waldo\",\"path\":\"/qux/thud\"}]"));
  }

  @Test
  void a7MovingAnArrayElement() {
    assertJson("{\"foo\":[\"all\",\"cows\",\"eat\",\"grass\"]}",
        apply("{\"foo\":[\"all\",\"grass\",\"cows\",\"eat\"]}", "[{\"op\":\"move\",\"from\":\"/foo/1\",\"path\":\"/foo/3\"}]"));
  }

  @Test
  void a8TestingAValueSuccess() {
    String doc = "{\"baz\":\"qux\",\"foo\":[\"a\",2,\"c\"]}";
    assertJson(doc, apply(doc, """
        [{"op":"test","path":"/baz","value":"qux"},{"op":"test","path":"/foo/1","value":2}]"""));
  }

  @Test
  void a9TestingAValueError() {
    PatchException e = failure("{\"baz\":\"qux\"}", "[{\"op\":\"test\",\"path\":\"/baz\",\"value\":\"bar\"}]");
    assertEquals(PatchException.Kind.UNPROCESSABLE, e.kind());
    assertEquals(422, e.code());
    assertEquals("Invalid", e.reason());
    assertEquals("the server rejected our request due to an error in our request", e.getMessage());
    assertEquals("testing value /baz failed: test failed", e.detail());
  }

  @Test
  void a10AddingANestedMemberObject() {
    assertJson("{\"foo\":\"bar\",\"child\":{\"grandchild\":{}}}",
        apply("{\"foo\":\"bar\"}", "[{\"op\":\"add\",\"path\":\"/child\",\"value\":{\"grandchild\":{}}}]"));
  }

  @Test
  void a11IgnoringUnrecognizedElements() {
    assertJson("{\"foo\":\"bar\",\"baz\":\"qux\"}",
        apply("{\"foo\":\"bar\"}", "[{\"op\":\"add\",\"path\":\"/baz\",\"value\":\"qux\",\"xyz\":123}]"));
  }

  @Test
  void a12AddingToANonexistentTarget() {
    PatchException e = failure("{\"foo\":\"bar\"}", "[{\"op\":\"add\",\"path\":\"/baz/bat\",\"value\":\"qux\"}]");
    assertEquals(PatchException.Kind.UNPROCESSABLE, e.kind());
    assertEquals("add operation does not apply: doc is missing path: \"/baz/bat\": missing value", e.detail());
  }

  @Test
  void a14TildeEscapeOrdering() {
    String doc = "{\"/\":9,\"~1\":10}";
    assertJson(doc, apply(doc, "[{\"op\":\"test\",\"path\":\"/~01\",\"value\":10}]"));
    assertJson("{\"/\":9,\"~1\":11}", apply(doc, "[{\"op\":\"replace\",\"path\":\"/~01\",\"value\":11}]"));
    assertJson("{\"/\":8,\"~1\":10}", apply(doc, "[{\"op\":\"replace\",\"path\":\"/~1\",\"value\":8}]"));
  }

  @Test
  void a15ComparingStringsAndNumbers() {
    PatchException e = failure("{\"/\":9,\"~1\":10}", "[{\"op\":\"test\",\"path\":\"/~01\",\"value\":\"10\"}]");
    assertEquals("testing value /~01 failed: test failed", e.detail());
  }

  @Test
  void a16AddingAnArrayValue() {
    assertJson("{\"foo\":[\"bar\",[\"abc\",\"def\"]]}",
        apply("{\"foo\":[\"bar\"]}", "[{\"op\":\"add\",\"path\":\"/foo/-\",\"value\":[\"abc\",\"def\"]}]"));
  }

  @Test
  void numbersCompareByValue() {
    assertJson("{\"a\":1}", apply("{\"a\":1}", "[{\"op\":\"test\",\"path\":\"/a\",\"value\":1.0}]"));
  }

  @Test
  void operationsApplyInOrderAndAFailureLeavesTheTargetAlone() {
    JsonNode target = json("{\"spec\":{\"replicas\":3}}");
    PatchException e = assertThrows(PatchException.class, () -> JsonPatch.apply(target, json("""
        [{"op":"replace","path":"/spec/replicas","value":5},
         {"op":"test","path":"/spec/replicas","value":3}]""")));
    assertEquals("testing value /spec/replicas failed: test failed", e.detail());
    assertJson("{\"spec\":{\"replicas\":3}}", target);
  }

  @Test
  void copyAndRootOperations() {
    assertJson("{\"a\":{\"b\":1},\"c\":{\"b\":1}}", apply("{\"a\":{\"b\":1}}", "[{\"op\":\"copy\",\"from\":\"/a\",\"path\":\"/c\"}]"));
    assertJson("[1]", apply("{\"a\":1}", "[{\"op\":\"replace\",\"path\":\"\",\"value\":[1]}]"));
    assertJson("{\"x\":1}", apply("{\"a\":1}", "[{\"op\":\"add\",\"path\":\"\",\"value\":{\"x\":1}}]"));
    assertJson("[0,1]", apply("[1]", "[{\"op\":\"add\",\"path\":\"/0\",\"value\":0}]"));
  }

  @Test
  void pathsThatDoNotExistAre422() {
    assertEquals("replace operation does not apply: doc is missing key: /spec/paused: missing value",
        failure("{\"spec\":{}}", "[{\"op\":\"replace\",\"path\":\"/spec/paused\",\"value\":true}]").detail());
    assertEquals("error in remove for path: '/spec/affinity': Unable to remove nonexistent key: affinity: missing value",
        failure("{\"spec\":{}}", "[{\"op\":\"remove\",\"path\":\"/spec/affinity\"}]").detail());
    assertEquals("error in remove for path: '/a/2': Unable to access invalid index: 2: invalid index referenced",
        failure("{\"a\":[1,2]}", "[{\"op\":\"remove\",\"path\":\"/a/2\"}]").detail());
    assertEquals("error in add for path: '/a/3': Unable to access invalid index: 3: invalid index referenced",
        failure("{\"a\":[1,2]}", "[{\"op\":\"add\",\"path\":\"/a/3\",\"value\":0}]").detail());
    assertEquals("error in add for path: '/a/01': Unable to access invalid index: 01: invalid index referenced",
        failure("{\"a\":[1,2]}", "[{\"op\":\"add\",\"path\":\"/a/01\",\"value\":0}]").detail());
    assertEquals("move operation does not apply: doc is missing from path: /nope: missing value",
        failure("{}", "[{\"op\":\"move\",\"from\":\"/nope\",\"path\":\"/x\"}]").detail());
    assertEquals("copy operation does not apply: doc is missing from path: /nope: missing value",
        failure("{}", "[{\"op\":\"copy\",\"from\":\"/nope\",\"path\":\"/x\"}]").detail());
    assertEquals("testing value /nope failed: test failed",
        failure("{}", "[{\"op\":\"test\",\"path\":\"/nope\",\"value\":null}]").detail());
  }

  @Test
  void operationsThatCannotApplyAre422() {
    assertEquals("Unexpected kind: frobnicate", failure("{}", "[{\"op\":\"frobnicate\",\"path\":\"/a\"}]").detail());
    assertEquals("Unexpected kind: unknown", failure("{}", "[{\"path\":\"/a\"}]").detail());
    assertEquals("add operation failed to decode path: missing value", failure("{}", "[{\"op\":\"add\",\"value\":1}]").detail());
    assertEquals("add operation has no value: missing value", failure("{}", "[{\"op\":\"add\",\"path\":\"/a\"}]").detail());
    assertEquals(PatchException.Kind.UNPROCESSABLE,
        failure("{\"a\":{}}", "[{\"op\":\"move\",\"from\":\"/a\",\"path\":\"/a/b\"}]").kind());
    assertEquals("invalid JSON pointer \"a/b\": it must be empty or start with '/'",
        failure("{}", "[{\"op\":\"add\",\"path\":\"a/b\",\"value\":1}]").detail());
    assertEquals("invalid JSON pointer \"/a~2\": '~' must be followed by 0 or 1",
        failure("{}", "[{\"op\":\"add\",\"path\":\"/a~2\",\"value\":1}]").detail());
  }

  @Test
  void aPatchThatIsNotAnArrayOfOperationsIs400() {
    PatchException notArray = failure("{}", "{\"op\":\"add\",\"path\":\"/a\",\"value\":1}");
    assertEquals(PatchException.Kind.INVALID, notArray.kind());
    assertEquals(400, notArray.code());
    assertEquals("BadRequest", notArray.reason());
    assertEquals("error decoding patch: json: cannot unmarshal object into Go value of type []handlers.jsonPatchOp",
        notArray.getMessage());
    assertEquals("error decoding patch: json: cannot unmarshal string into Go value of type handlers.jsonPatchOp",
        failure("{}", "[\"add\"]").getMessage());
    assertEquals("error decoding patch: json: cannot unmarshal number into Go struct field jsonPatchOp.path of type string",
        failure("{}", "[{\"op\":\"add\",\"path\":5,\"value\":1}]").getMessage());
  }
}
