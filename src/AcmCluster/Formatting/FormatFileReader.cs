using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Management.Automation;
using System.Xml.Linq;

namespace AcmCluster.Formatting;

/// <summary>
/// Reads the table views of a .format.ps1xml into <see cref="ExtendedTypeDefinition"/>s. It knows only the
/// part of the schema the module's views use (a name, one type, a table of labelled columns that each show
/// a property or a script block) and refuses anything else, so a view it cannot read exactly is left to
/// PowerShell's own loader instead of being read wrongly.
/// </summary>
internal static class FormatFileReader
{
    public static IReadOnlyList<ExtendedTypeDefinition> Read(string path)
    {
        var root = XDocument.Load(path).Root ?? throw Unsupported(path, null);
        Check(path, root, "Configuration", "ViewDefinitions");
        var definitions = new List<ExtendedTypeDefinition>();
        foreach (var view in Child(path, root, "ViewDefinitions", "View").Elements())
        {
            Check(path, view, "View", "Name", "ViewSelectedBy", "TableControl");
            var typeName = Child(path, Child(path, view, "ViewSelectedBy", "TypeName"), "TypeName").Value;
            var table = ReadTable(path, Child(path, view, "TableControl", "TableHeaders", "TableRowEntries"));
            definitions.Add(new ExtendedTypeDefinition(typeName, new[] { new FormatViewDefinition(Child(path, view, "Name").Value, table) }));
        }

        return definitions;
    }

    private static TableControl ReadTable(string path, XElement table)
    {
        var builder = TableControl.Create(outOfBand: false, autoSize: false, hideTableHeaders: false);
        foreach (var header in Child(path, table, "TableHeaders", "TableColumnHeader").Elements())
        {
            Check(path, header, "TableColumnHeader", "Label", "Width");
            var width = 0;
            if (header.Element("Width") is { } w && !int.TryParse(w.Value, NumberStyles.None, CultureInfo.InvariantCulture, out width))
            {
                throw Unsupported(path, header);
            }

            builder.AddHeader(Alignment.Undefined, width, header.Element("Label")?.Value);
        }

        var row = Child(path, Child(path, table, "TableRowEntries", "TableRowEntry"), "TableRowEntry", "TableColumnItems");
        var columns = builder.StartRowDefinition(wrap: false, entrySelectedByType: null, entrySelectedByCondition: null);
        foreach (var item in Child(path, row, "TableColumnItems", "TableColumnItem").Elements())
        {
            Check(path, item, "TableColumnItem", "PropertyName", "ScriptBlock");
            var value = item.Elements().Count() == 1 ? item.Elements().Single() : throw Unsupported(path, item);
            if (value.Name.LocalName == "PropertyName")
            {
                columns.AddPropertyColumn(value.Value, Alignment.Undefined, format: null);
            }
            else
            {
                columns.AddScriptBlockColumn(value.Value, Alignment.Undefined, format: null);
            }
        }

        return columns.EndRowDefinition().EndTable();
    }

    /// <summary>The parent's one element called <paramref name="name"/>, which may hold only <paramref name="children"/>.</summary>
    private static XElement Child(string path, XElement parent, string name, params string[] children)
    {
        var matches = parent.Elements(name).ToList();
        if (matches.Count != 1)
        {
            throw Unsupported(path, parent);
        }

        Check(path, matches[0], name, children);
        return matches[0];
    }

    private static void Check(string path, XElement element, string name, params string[] children)
    {
        if (element.Name.LocalName != name || element.HasAttributes || element.Name.NamespaceName.Length > 0
            || element.Elements().Any(child => !children.Contains(child.Name.LocalName)))
        {
            throw Unsupported(path, element);
        }
    }

    private static NotSupportedException Unsupported(string path, XElement? element)
        => new($"{path}: <{element?.Name.LocalName}> holds something the module's view reader does not read.");
}
