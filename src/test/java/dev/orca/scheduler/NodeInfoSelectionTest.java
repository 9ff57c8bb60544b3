package dev.orca.scheduler;

import static dev.orca.scheduler.Fixtures.node;
import static dev.orca.scheduler.Fixtures.pod;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.orca.model.LabelSelector;
import dev.orca.model.LabelSelectorRequirement;
import dev.orca.model.Pod;
import dev.orca.model.PodAffinityTerm;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** A node answers "does a pod here match this term" by label set exactly as matching pod by pod would. */
class NodeInfoSelectionTest {
  private static final String[] NAMESPACES = {"default", "data", "web"};
  private static final String[] APPS = {"a", "b", "c"};

  @Test
  void byLabelSetAgreesWithPodByPod() {
    SplittableRandom random = new SplittableRandom(11);
    List<PodAffinityTerm> terms = List.of(
        term(new LabelSelector(Map.of("app", "a"), null), null),
        term(new LabelSelector(Map.of("app", "b"), null), List.of("data", "web")),
        term(new LabelSelector(null, List.of(new LabelSelectorRequirement("app", "NotIn", List.of("a")))), null),
        term(new LabelSelector(null, List.of(new LabelSelectorRequirement("tier", "DoesNotExist", null))), null),
        term(new LabelSelector(Map.of(), List.of()), null), // empty: every pod, labelled or not
        term(null, null)); // none: no pod
    int checked = 0;
    for (int round = 0; round < 200; round++) {
      List<Pod> pods = new ArrayList<>();
      for (int i = random.nextInt(6); i > 0; i--) {
        Fixtures.PodBuilder b = pod("p" + round + "-" + i).namespace(NAMESPACES[random.nextInt(NAMESPACES.length)])
            .onNode("n");
        if (random.nextInt(4) > 0) {
          b.label("app", APPS[random.nextInt(APPS.length)]);
        }
        if (random.nextInt(3) == 0) {
          b.label("tier", "front");
        }
        pods.add(b.build());
      }
      NodeInfo node = NodeInfo.of(node("n").build(), pods);
      for (PodAffinityTerm term : terms) {
        for (String owner : Arrays.asList(NAMESPACES)) {
          boolean podByPod = pods.stream().anyMatch(p -> AffinityTerms.selects(term, owner, p));
          assertEquals(podByPod, node.anyPodSelectedBy(term, owner), term + " from " + owner + " over " + pods.size());
          checked++;
        }
      }
    }
    assertEquals(200 * 6 * 3, checked);
  }

  private static PodAffinityTerm term(LabelSelector selector, List<String> namespaces) {
    return new PodAffinityTerm(selector, namespaces, AffinityTerms.HOSTNAME);
  }
}
