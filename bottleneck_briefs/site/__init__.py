"""The static website of the collection (`bottlenecks site`): page plan, page data, rendering, writing."""
