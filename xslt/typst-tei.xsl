<?xml version="1.0" encoding="UTF-8"?>
<!-- The TEI text model in Typst: one template per element (or family), in two modes, as in html-tei.xsl:
     block (between paragraphs) and inline (inside running text). Every element without a template of its
     own still prints its text. All source text goes through cg:typ() (a Typst string literal), attribute
     values through cg:str(): nothing in the TEI can run as Typst code.
     Included by typst.xsl, which lays out the document (our synopsis, or the flow of any other TEI). -->
<xsl:stylesheet version="3.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:xs="http://www.w3.org/2001/XMLSchema"
  xmlns:t="http://www.tei-c.org/ns/1.0"
  xmlns:cg="urn:cablegram"
  exclude-result-prefixes="#all">

  <!-- Typst functions for the presentations cg:rend-styles() names (alignment is for blocks only) -->
  <xsl:variable name="typst-styles" as="map(xs:string, xs:string)" select="map{
      'italic': '#emph[', 'bold': '#strong[', 'underline': '#underline[', 'sup': '#super[', 'sub': '#sub[',
      'smallcaps': '#smallcaps[', 'strike': '#strike[', 'caps': '#upper[', 'spaced': '#text(tracking: 0.12em)['}"/>

  <xsl:template name="styled">
    <xsl:param name="styles" as="xs:string*" select="cg:rend-styles(.)[map:contains($typst-styles, .)]" xmlns:map="http://www.w3.org/2005/xpath-functions/map"/>
    <xsl:value-of select="$styles ! $typst-styles(.)" separator=""/>
    <xsl:apply-templates mode="inline"/>
    <xsl:value-of select="$styles ! ']'" separator=""/>
  </xsl:template>

  <!-- an element's content: as blocks when it holds paragraphs, lists …, else as running text -->
  <xsl:template name="children">
    <xsl:param name="blocks" as="xs:boolean" select="cg:holds-blocks(.)"/>
    <xsl:choose>
      <xsl:when test="$blocks"><xsl:apply-templates mode="block"/></xsl:when>
      <!-- elements side by side with no text between them (the parts of a location, an address): a space apart -->
      <xsl:when test="count(*) gt 1 and not(text()[normalize-space()])">
        <xsl:for-each select="node()">
          <xsl:if test="self::* and preceding-sibling::*"><xsl:text> </xsl:text></xsl:if>
          <xsl:apply-templates select="." mode="inline"/>
        </xsl:for-each>
      </xsl:when>
      <xsl:otherwise><xsl:apply-templates mode="inline"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- a block's alignment from @rend (center, right), around its content -->
  <xsl:template name="aligned">
    <xsl:param name="content" as="item()*"/>
    <xsl:variable name="align" select="cg:rend-styles(.)[. = ('center', 'right')][1]"/>
    <xsl:if test="$align"><xsl:value-of select="concat('#align(', $align, ')[')"/></xsl:if>
    <xsl:sequence select="$content"/>
    <xsl:if test="$align"><xsl:text>]</xsl:text></xsl:if>
  </xsl:template>

  <!-- ============================================================ block level -->
  <xsl:template match="t:p" mode="block">
    <xsl:text>#block(below: 0.65em)[</xsl:text>
    <xsl:call-template name="aligned">
      <xsl:with-param name="content" as="item()*"><xsl:call-template name="styled"/></xsl:with-param>
    </xsl:call-template>
    <xsl:text>]&#10;</xsl:text>
  </xsl:template>

  <xsl:template match="t:text | t:front | t:body | t:back | t:group" mode="block">
    <xsl:if test="self::t:back"><xsl:text>#line(length: 30%, stroke: 0.4pt + luma(160))&#10;</xsl:text></xsl:if>
    <xsl:text>#block[</xsl:text><xsl:apply-templates mode="block"/><xsl:text>]&#10;</xsl:text>
    <xsl:if test="self::t:front"><xsl:text>#line(length: 30%, stroke: 0.4pt + luma(160))&#10;</xsl:text></xsl:if>
  </xsl:template>

  <xsl:template match="t:div | t:div1 | t:div2 | t:div3 | t:div4 | t:div5 | t:div6 | t:div7 | t:opener | t:closer | t:postscript
                       | t:floatingText | t:argument | t:epigraph | t:sp" mode="block">
    <xsl:text>#block[</xsl:text><xsl:apply-templates select="node()" mode="block"/><xsl:text>]&#10;</xsl:text>
  </xsl:template>
  <xsl:template match="t:head[parent::t:div or parent::t:front or parent::t:back or parent::t:body or parent::t:group or matches(local-name(..), '^div[1-7]$')]" mode="block">
    <xsl:value-of select="concat('#heading(level: ', cg:head-level(.), ', outlined: false, bookmarked: false)[')"/>
    <xsl:apply-templates mode="inline"/>
    <xsl:text>]&#10;</xsl:text>
  </xsl:template>

  <xsl:template match="t:opener/t:seg | t:salute | t:dateline | t:ab | t:byline | t:docAuthor | t:docDate | t:address | t:trailer | t:speaker | t:lg/t:head" mode="block">
    <xsl:text>#block(below: 0.3em)[</xsl:text>
    <xsl:if test="@type = ('marking', 'precedence') or self::t:speaker or self::t:head"><xsl:text>#strong[</xsl:text></xsl:if>
    <xsl:call-template name="aligned">
      <xsl:with-param name="content" as="item()*"><xsl:call-template name="children"/></xsl:with-param>
    </xsl:call-template>
    <xsl:if test="@type = ('marking', 'precedence') or self::t:speaker or self::t:head"><xsl:text>]</xsl:text></xsl:if>
    <xsl:text>]&#10;</xsl:text>
  </xsl:template>
  <xsl:template match="t:signed" mode="block">
    <xsl:text>#block(below: 0.3em)[#strong[</xsl:text><xsl:apply-templates mode="inline"/><xsl:text>]]&#10;</xsl:text>
  </xsl:template>
  <xsl:template match="t:stage" mode="block">
    <xsl:text>#block(below: 0.3em)[#emph[</xsl:text><xsl:apply-templates mode="inline"/><xsl:text>]]&#10;</xsl:text>
  </xsl:template>
  <xsl:template match="t:addrLine" mode="block inline">
    <xsl:apply-templates mode="inline"/><xsl:text>#linebreak()</xsl:text>
  </xsl:template>

  <!-- verse -->
  <xsl:template match="t:lg" mode="block">
    <xsl:text>#block(below: 0.65em)[</xsl:text><xsl:apply-templates mode="block"/><xsl:text>]&#10;</xsl:text>
  </xsl:template>
  <xsl:template match="t:l" mode="block">
    <xsl:text>#block(below: 0.15em)[</xsl:text><xsl:call-template name="styled"/><xsl:text>]&#10;</xsl:text>
  </xsl:template>

  <!-- lists: our distribution lists as lines; other lists with bullets, or labels beside their items -->
  <xsl:template match="t:list[ancestor::t:div[parent::t:body][@type = ('original', 'translation')]]" mode="block">
    <xsl:text>#block(below: 0.4em)[</xsl:text>
    <xsl:for-each select="t:head"><xsl:apply-templates mode="inline"/><xsl:text> #linebreak()&#10;</xsl:text></xsl:for-each>
    <xsl:for-each select="t:item"><xsl:call-template name="children"/><xsl:if test="position() != last()"><xsl:text> #linebreak()&#10;</xsl:text></xsl:if></xsl:for-each>
    <xsl:apply-templates select="* except (t:head | t:item)" mode="block"/>
    <xsl:text>]&#10;</xsl:text>
  </xsl:template>
  <xsl:template match="t:list | t:listBibl | t:listPerson | t:listPlace | t:listOrg | t:listEvent" mode="block">
    <xsl:variable name="entries" select="* except (t:head | t:label)"/>
    <xsl:text>#block(below: 0.65em)[</xsl:text>
    <xsl:for-each select="t:head"><xsl:text>#block(below: 0.3em)[#strong[</xsl:text><xsl:apply-templates mode="inline"/><xsl:text>]]&#10;</xsl:text></xsl:for-each>
    <xsl:text>#grid(columns: (auto, 1fr), column-gutter: 0.6em, row-gutter: 0.45em,&#10;</xsl:text>
    <xsl:for-each select="$entries">
      <xsl:variable name="label" select="preceding-sibling::*[1][self::t:label]"/>
      <xsl:text>  [</xsl:text>
      <xsl:choose>
        <xsl:when test="$label"><xsl:apply-templates select="$label/node()" mode="inline"/></xsl:when>
        <xsl:when test="self::t:item and ../(@rend, @type) = ('numbered', 'ordered')"><xsl:value-of select="cg:typ(concat(count(preceding-sibling::t:item) + 1, '.'))"/></xsl:when>
        <xsl:when test="self::t:item"><xsl:text>•</xsl:text></xsl:when>
      </xsl:choose>
      <xsl:text>], [</xsl:text>
      <xsl:choose>
        <xsl:when test="self::t:item"><xsl:call-template name="children"/></xsl:when>
        <xsl:otherwise><xsl:apply-templates select="." mode="block"/></xsl:otherwise>
      </xsl:choose>
      <xsl:text>],&#10;</xsl:text>
    </xsl:for-each>
    <!-- a label with no item after it -->
    <xsl:for-each select="t:label[not(following-sibling::*[1][not(self::t:label) and not(self::t:head)])]">
      <xsl:text>  [</xsl:text><xsl:apply-templates mode="inline"/><xsl:text>], [],&#10;</xsl:text>
    </xsl:for-each>
    <xsl:text>)]&#10;</xsl:text>
  </xsl:template>

  <xsl:template match="t:table" mode="block">
    <xsl:variable name="spans" select="exists(t:row/t:cell[@rows castable as xs:integer][xs:integer(@rows) gt 1])"/>
    <xsl:variable name="cols" select="max((1, t:row/sum(t:cell/(if (@cols castable as xs:integer) then max((1, xs:integer(@cols))) else 1))))"/>
    <xsl:for-each select="t:head"><xsl:text>#block(below: 0.2em)[</xsl:text><xsl:apply-templates mode="inline"/><xsl:text>]&#10;</xsl:text></xsl:for-each>
    <xsl:text>#table(columns: </xsl:text><xsl:value-of select="$cols"/><xsl:text>, inset: 2pt, stroke: 0.4pt + luma(160),&#10;</xsl:text>
    <xsl:for-each select="t:row">
      <xsl:for-each select="t:cell">
        <xsl:variable name="colspan" select="if (@cols castable as xs:integer and xs:integer(@cols) gt 1) then min((xs:integer(@cols), $cols)) else 1"/>
        <xsl:variable name="rowspan" select="if (@rows castable as xs:integer and xs:integer(@rows) gt 1) then xs:integer(@rows) else 1"/>
        <xsl:choose>
          <xsl:when test="$colspan gt 1 or $rowspan gt 1">
            <xsl:value-of select="concat('table.cell(colspan: ', $colspan, ', rowspan: ', $rowspan, ')')"/>
          </xsl:when>
        </xsl:choose>
        <xsl:text>[#text(size: 8pt)[</xsl:text>
        <xsl:if test="@role = 'label' or ../@role = 'label'"><xsl:text>#strong[</xsl:text></xsl:if>
        <xsl:call-template name="children"/>
        <xsl:if test="@role = 'label' or ../@role = 'label'"><xsl:text>]</xsl:text></xsl:if>
        <xsl:text>]], </xsl:text>
      </xsl:for-each>
      <xsl:if test="not($spans)">
        <xsl:variable name="used" select="sum(t:cell/(if (@cols castable as xs:integer) then max((1, min((xs:integer(@cols), $cols)))) else 1))"/>
        <xsl:for-each select="1 to ($cols - $used)"><xsl:text>[], </xsl:text></xsl:for-each>
      </xsl:if>
      <xsl:text>&#10;</xsl:text>
    </xsl:for-each>
    <xsl:text>)&#10;</xsl:text>
    <xsl:apply-templates select="* except (t:head | t:row)" mode="block"/>
  </xsl:template>

  <!-- quotations set off, citations with their source -->
  <xsl:template match="t:quote[cg:holds-blocks(.) or cg:rend-styles(.) = 'indent'] | t:cit" mode="block">
    <xsl:text>#pad(left: 1.5em, right: 1em)[</xsl:text>
    <xsl:call-template name="children"><xsl:with-param name="blocks" select="cg:holds-blocks(.) or self::t:cit"/></xsl:call-template>
    <xsl:text>]&#10;</xsl:text>
  </xsl:template>
  <xsl:template match="t:cit/t:quote[not(cg:holds-blocks(.))] | t:cit/t:bibl | t:cit/t:ref" mode="block" priority="1">
    <xsl:text>#block(below: 0.3em)[</xsl:text><xsl:apply-templates mode="inline"/><xsl:text>]&#10;</xsl:text>
  </xsl:template>

  <xsl:template match="t:figure" mode="block inline">
    <xsl:text>#block(below: 0.65em, inset: (left: 1em))[</xsl:text>
    <xsl:apply-templates select="node() except t:head" mode="block"/>
    <xsl:for-each select="t:head"><xsl:text>#block[#emph[</xsl:text><xsl:apply-templates mode="inline"/><xsl:text>]]</xsl:text></xsl:for-each>
    <xsl:text>]</xsl:text>
  </xsl:template>
  <xsl:template match="t:figDesc" mode="block inline">
    <xsl:text>#text(size: 9pt, style: "italic")[</xsl:text><xsl:apply-templates mode="inline"/><xsl:text>]</xsl:text>
  </xsl:template>
  <!-- an image is named, not printed: its file is not part of the TEI -->
  <xsl:template match="t:graphic | t:media" mode="block inline">
    <xsl:text>#fw[</xsl:text><xsl:value-of select="cg:typ(tokenize(replace(@url, '[?#].*$', ''), '/')[last()])"/><xsl:text>]</xsl:text>
    <xsl:apply-templates mode="block"/>
  </xsl:template>

  <xsl:template match="t:note[@type = 'source'][cg:note-place(.) = 'block']" mode="block">
    <xsl:text>#block(below: 0.3em)[#text(size: 8.5pt)[</xsl:text><xsl:apply-templates mode="inline"/><xsl:text>]]&#10;</xsl:text>
  </xsl:template>
  <xsl:template match="t:note" mode="block">
    <xsl:choose>
      <xsl:when test="cg:note-place(.) = 'foot'"><xsl:apply-templates select="." mode="inline"/></xsl:when>
      <xsl:otherwise>
        <xsl:text>#block(below: 0.5em, inset: (left: 1em))[#text(size: 8.5pt, fill: apparatus)[</xsl:text>
        <xsl:call-template name="children"/>
        <xsl:text>]]&#10;</xsl:text>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template match="t:pb | t:cb | t:lb | t:gb | t:milestone | t:fw | t:gap | t:anchor | t:space | t:addSpan | t:delSpan | t:damageSpan" mode="block">
    <xsl:apply-templates select="." mode="inline"/>
  </xsl:template>
  <xsl:template match="text()" mode="block"><xsl:if test="normalize-space()"><xsl:value-of select="cg:typ(.)"/></xsl:if></xsl:template>
  <xsl:template match="*" mode="block">
    <xsl:text>#block[</xsl:text><xsl:call-template name="children"/><xsl:text>]&#10;</xsl:text>
  </xsl:template>

  <!-- ============================================================ inline level -->
  <xsl:template match="text()" mode="inline"><xsl:value-of select="cg:typ(.)"/></xsl:template>

  <xsl:template match="t:persName | t:placeName | t:orgName | t:name | t:rs | t:geogName | t:roleName | t:ref" mode="inline">
    <xsl:variable name="href" select="cg:web-link(.)"/>
    <xsl:if test="$href"><xsl:value-of select="concat('#link(', cg:str($href), ')[')"/></xsl:if>
    <xsl:apply-templates mode="inline"/>
    <xsl:if test="$href"><xsl:text>]</xsl:text></xsl:if>
  </xsl:template>
  <xsl:template match="t:ptr" mode="inline">
    <xsl:variable name="href" select="cg:web-link(.)"/>
    <xsl:if test="$href"><xsl:value-of select="concat('#link(', cg:str($href), ')[')"/></xsl:if>
    <xsl:value-of select="cg:typ(normalize-space(@target))"/>
    <xsl:if test="$href"><xsl:text>]</xsl:text></xsl:if>
  </xsl:template>

  <xsl:template match="t:hi" mode="inline"><xsl:call-template name="styled"/></xsl:template>
  <xsl:template match="t:emph | t:title | t:mentioned | t:term[@rend] | t:foreign | t:distinct | t:bibl" mode="inline">
    <xsl:value-of select="if (@xml:lang) then concat(cg:lang-open(.), '#emph[') else '#emph['"/>
    <xsl:apply-templates mode="inline"/>
    <xsl:value-of select="if (@xml:lang) then ']]' else ']'"/>
  </xsl:template>
  <xsl:template match="t:q | t:quote | t:said | t:soCalled" mode="inline">
    <xsl:text>#quote[</xsl:text><xsl:apply-templates mode="inline"/><xsl:text>]</xsl:text>
  </xsl:template>
  <xsl:template match="t:quote[cg:holds-blocks(.)] | t:cit | t:lg | t:sp | t:floatingText" mode="inline">
    <xsl:apply-templates select="." mode="block"/>
  </xsl:template>

  <!-- editorial interventions: the reading, its alternative beside it in grey -->
  <xsl:template match="t:choice" mode="inline">
    <xsl:variable name="reading" select="cg:choice-reading(.)"/>
    <xsl:apply-templates select="$reading" mode="inline"/>
    <xsl:for-each select="* except $reading">
      <xsl:text> #text(size: 0.85em, fill: luma(90))[(</xsl:text><xsl:apply-templates select="." mode="inline"/><xsl:text>)]</xsl:text>
    </xsl:for-each>
  </xsl:template>
  <xsl:template match="t:add" mode="inline"><xsl:text>#underline(stroke: 0.5pt + apparatus)[</xsl:text><xsl:apply-templates mode="inline"/><xsl:text>]</xsl:text></xsl:template>
  <xsl:template match="t:del" mode="inline"><xsl:text>#strike[</xsl:text><xsl:apply-templates mode="inline"/><xsl:text>]</xsl:text></xsl:template>
  <xsl:template match="t:unclear" mode="inline"><xsl:text>#underline(stroke: (paint: luma(120), thickness: 0.5pt, dash: "dotted"))[</xsl:text><xsl:apply-templates mode="inline"/><xsl:text>]</xsl:text></xsl:template>
  <xsl:template match="t:damage" mode="inline"><xsl:text>#highlight(fill: luma(232))[</xsl:text><xsl:apply-templates mode="inline"/><xsl:text>]</xsl:text></xsl:template>
  <xsl:template match="t:ex | t:expan/t:ex" mode="inline"><xsl:text>#emph[</xsl:text><xsl:apply-templates mode="inline"/><xsl:text>]</xsl:text></xsl:template>
  <xsl:template match="t:gap" mode="inline"><xsl:text>#gapmark()</xsl:text></xsl:template>
  <xsl:template match="t:stamp" mode="inline"><xsl:text>#stampbox[</xsl:text><xsl:apply-templates mode="inline"/><xsl:text>]</xsl:text></xsl:template>
  <xsl:template match="t:supplied" mode="inline"><xsl:text>#supplied[</xsl:text><xsl:apply-templates mode="inline"/><xsl:text>]</xsl:text></xsl:template>
  <xsl:template match="t:fw" mode="inline"><xsl:text>#fw[</xsl:text><xsl:apply-templates mode="inline"/><xsl:text>]#h(0.4em, weak: true)</xsl:text></xsl:template>
  <xsl:template match="t:num[@type = 'groups']" mode="inline"><xsl:text>#text(fill: luma(90))[</xsl:text><xsl:apply-templates mode="inline"/><xsl:text>]</xsl:text></xsl:template>

  <!-- breaks: page breaks in the margin; a line break inside a word (@break='no') breaks nothing -->
  <xsl:template match="t:pb" mode="inline">
    <xsl:param name="side" as="xs:string" tunnel="yes" select="'left'"/>
    <xsl:value-of select="concat('#pbmark(', cg:str(string(@n)), ', &quot;', $side, '&quot;)')"/>
  </xsl:template>
  <xsl:template match="t:cb | t:gb | t:milestone" mode="inline"><xsl:text>#text(fill: apparatus)[ | ]</xsl:text></xsl:template>
  <xsl:template match="t:lb" mode="inline"><xsl:text>#linebreak()</xsl:text></xsl:template>
  <xsl:template match="t:lb[@break = 'no']" mode="inline"/>
  <xsl:template match="t:anchor | t:space | t:addSpan | t:delSpan | t:damageSpan | t:caesura" mode="inline"><xsl:text> </xsl:text></xsl:template>

  <!-- notes: footnotes at the page foot (a note inside a footnote stays in its text), others where they stand -->
  <xsl:template match="t:note" mode="inline">
    <xsl:choose>
      <xsl:when test="cg:note-place(.) = 'foot' and not(ancestor::t:note[cg:note-place(.) = 'foot'])">
        <xsl:text>#footnote[</xsl:text><xsl:call-template name="children"/><xsl:text>]</xsl:text>
      </xsl:when>
      <xsl:otherwise>
        <xsl:text> #text(size: 8.5pt, fill: apparatus)[</xsl:text><xsl:apply-templates mode="inline"/><xsl:text>] </xsl:text>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template match="t:list | t:table | t:listBibl | t:listPerson | t:listPlace" mode="inline"><xsl:apply-templates select="." mode="block"/></xsl:template>
  <!-- a word or passage in another language (e.g. <foreign xml:lang="ru">) is hyphenated by its own rules -->
  <xsl:template match="*[@xml:lang]" mode="inline" priority="-0.4">
    <xsl:value-of select="cg:lang-open(.)"/><xsl:apply-templates mode="inline"/><xsl:text>]</xsl:text>
  </xsl:template>
  <xsl:template match="*" mode="inline">
    <xsl:if test="cg:among-elements(.)"><xsl:text> </xsl:text></xsl:if>
    <xsl:call-template name="children"><xsl:with-param name="blocks" select="false()"/></xsl:call-template>
  </xsl:template>
</xsl:stylesheet>
