package dev.orca.store;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.orca.model.ResourceType;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ObjectKeyOrderTest {
  private static final String[] PARTS = {"a", "a-b", "a.b", "ab", "b", "a0", "z", "web-1", "web-10", "web-2"};

  @Test
  void sortsAsTheEntityIdsDoAsStrings() {
    SplittableRandom random = new SplittableRandom(11);
    for (ResourceType type : List.of(ResourceType.POD, ResourceType.NODE)) {
      List<ObjectKey> keys = new ArrayList<>();
      for (int i = 0; i < 500; i++) {
        keys.add(new ObjectKey(type, PARTS[random.nextInt(PARTS.length)], PARTS[random.nextInt(PARTS.length)]
            + (random.nextBoolean() ? "" : PARTS[random.nextInt(PARTS.length)])));
      }
      List<ObjectKey> byBuiltIds = new ArrayList<>(keys);
      byBuiltIds.sort(Comparator.comparing(ObjectKey::entityId));
      List<ObjectKey> byComparator = new ArrayList<>(keys);
      byComparator.sort(ObjectKey.BY_ENTITY_ID);
      assertEquals(byBuiltIds.stream().map(ObjectKey::entityId).toList(),
          byComparator.stream().map(ObjectKey::entityId).toList(), type.kind());
      for (ObjectKey a : keys.subList(0, 50)) {
        for (ObjectKey b : keys.subList(50, 100)) {
          assertEquals(Integer.signum(a.entityId().compareTo(b.entityId())), Integer.signum(a.compareToEntityId(b.entityId())));
        }
      }
    }
  }
}
