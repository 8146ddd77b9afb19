using Xunit;

// Tests change process-wide state (environment variables such as SWSTGNODE, PATH), so they run one at a time.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
