using AcmCluster.Native;

namespace AcmCluster.Cluster;

/// <summary>
/// One cluster product as the module knows it: its facts, how to tell that it is installed here, and how to drive it.
/// Each product implements this once in its folder (Products/&lt;Product&gt;/&lt;Product&gt;Product.cs) and is listed in
/// <see cref="ClusterProducts.All"/>; nothing else names the products. Its native commands carry its own
/// <see cref="Product"/>, whose directories the runner searches after PATH.
/// </summary>
internal interface IClusterProduct
{
    /// <summary>The product's facts; a driver may refine them from the user's definition, never contradict them.</summary>
    ClusterCapabilities Capabilities { get; }

    /// <summary>The command whose presence here proves the product installed (hvdisp, hagrp); null when the product is never detected but chosen by its own parameters (-GenericCluster).</summary>
    NativeCommand? DetectionCommand { get; }

    /// <summary>The driver of this product's cluster on this node; refuses (AcmException) options it cannot work with.</summary>
    IClusterProvider CreateDriver(NativeCommandRunner runner, ClusterOptions options);
}
