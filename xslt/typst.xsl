<?xml version="1.0" encoding="UTF-8"?>
<!-- Print edition: TEI → Typst source, compiled to PDF in-process by the `typst` Python package.
     Every piece of source text reaches Typst through one function, cg:typ(), as a Typst string literal
     (#"…"), so text that looks like Typst syntax prints literally and never executes.
     Input: a TEI document (one PDF), or a <cg:corpus> of entries (a volume). -->
<xsl:stylesheet version="3.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:xs="http://www.w3.org/2001/XMLSchema"
  xmlns:t="http://www.tei-c.org/ns/1.0"
  xmlns:cg="urn:cablegram"
  exclude-result-prefixes="#all">

  <xsl:import href="common.xsl"/>
  <xsl:include href="typst-tei.xsl"/>
  <xsl:output method="text" encoding="UTF-8"/>

  <!-- parallel | original | translation -->
  <xsl:param name="view" as="xs:string" select="'parallel'"/>
  <!-- the original to print beside the translation: an xml:id, or '' for the default (the transcript) -->
  <xsl:param name="original" as="xs:string" select="''"/>
  <xsl:param name="volume_title" as="xs:string" select="'Telegrams'"/>

  <!-- ============================================================ the one escaping function -->
  <xsl:function name="cg:typ" as="xs:string">
    <xsl:param name="text" as="xs:string?"/>
    <xsl:variable name="flat" select="replace(string($text), '\s+', ' ')"/>
    <xsl:sequence select="if ($flat = '') then '' else concat('#&quot;', replace(replace($flat, '\\', '\\\\'), '&quot;', '\\&quot;'), '&quot;')"/>
  </xsl:function>

  <!-- Typst's text(lang:, region:) from the nearest xml:lang: Typst takes only an ISO 639 code and an ISO 3166
       region, so a BCP 47 tag is cut to those ('ru-Cyrl' → ru, 'en-GB' → en + gb); '' when there is nothing usable -->
  <xsl:function name="cg:lang-args" as="xs:string">
    <xsl:param name="node" as="node()?"/>
    <xsl:variable name="subtags" select="tokenize(lower-case(string(($node/ancestor-or-self::*/@xml:lang)[last()])), '-')"/>
    <xsl:variable name="region" select="$subtags[position() gt 1][matches(., '^[a-z]{2}$')][1]"/>
    <xsl:sequence select="if (not(matches(($subtags[1], '')[1], '^[a-z]{2,3}$'))) then ''
                          else concat('lang: &quot;', $subtags[1], '&quot;', if ($region) then concat(', region: &quot;', $region, '&quot;') else '')"/>
  </xsl:function>

  <!-- opens a stretch of text in the language of $node (closed by ']'), so that it is hyphenated by its own rules -->
  <xsl:function name="cg:lang-open" as="xs:string">
    <xsl:param name="node" as="node()?"/>
    <xsl:variable name="args" select="cg:lang-args($node)"/>
    <xsl:sequence select="if ($args) then concat('#text(', $args, ')[') else '#[' "/>
  </xsl:function>

  <xsl:function name="cg:short-title" as="xs:string">
    <xsl:param name="tei" as="element()"/>
    <xsl:variable name="title" select="cg:title($tei)"/>
    <xsl:sequence select="if (string-length($title) le 70) then $title else concat(substring($title, 1, 67), '…')"/>
  </xsl:function>

  <xsl:variable name="preamble" as="xs:string">
#let apparatus = rgb("#3b5b85")
#let fw(body) = text(size: 7pt, fill: apparatus, font: "DejaVu Sans Mono", body)
// a page or sheet break: a rule in the line, and the break's number in the outer margin
#let pbmark(n, side) = box(width: 0pt, height: 0.9em, stroke: (left: 0.8pt + apparatus))[#if n != "" { context {
  let x = here().position().x
  if side == "right" { place(top + left, dx: page.width - x - 1.5cm)[#fw(n)] } else { place(top + left, dx: 0.5cm - x)[#fw(n)] }
} }]
#let stampbox(body) = box(stroke: 0.5pt + apparatus, inset: (x: 1.5pt, y: 1pt), radius: 1.5pt, body)
#let gapmark() = box(width: 0.45em, height: 0.6em, fill: luma(175))
#let supplied(body) = text(style: "italic", fill: apparatus, body)
#let label-text(body) = text(size: 8pt, fill: luma(90), weight: "bold", body)
#let facts(..rows) = grid(columns: (auto, 1fr), column-gutter: 1em, row-gutter: 0.45em, ..rows)
#set text(font: ("Libertinus Serif",), size: 10pt, lang: "en", hyphenate: true)
#set par(justify: true, leading: 0.6em)
#show heading.where(level: 1): set text(size: 14pt)
</xsl:variable>

  <!-- ============================================================ one document -->
  <xsl:template match="/t:TEI | /t:teiCorpus">
    <xsl:text>#set document(title: </xsl:text>
    <xsl:value-of select="cg:str(cg:title(.))"/>
    <xsl:text>, author: </xsl:text>
    <xsl:value-of select="cg:str(if (cg:sender(.)) then cg:sender(.) else 'cablegram')"/>
    <xsl:for-each select="(t:teiHeader/t:profileDesc/t:abstract[normalize-space()])[1]">
      <xsl:text>, description: </xsl:text><xsl:value-of select="cg:str(.)"/>
    </xsl:for-each>
    <xsl:text>)&#10;</xsl:text>
    <xsl:value-of select="$preamble"/>
    <xsl:text>#set page(paper: "a4", margin: (x: 2cm, top: 2.4cm, bottom: 2.2cm), numbering: "1",&#10;</xsl:text>
    <xsl:text>  header: context { if counter(page).get().first() > 1 [#text(size: 8pt, fill: luma(90))[</xsl:text>
    <xsl:value-of select="cg:typ(cg:short-title(.))"/>
    <xsl:text> #h(1fr) </xsl:text>
    <xsl:value-of select="cg:typ(cg:date-label(.))"/>
    <xsl:text>]] })&#10;</xsl:text>
    <xsl:apply-templates select="." mode="document"/>
  </xsl:template>

  <!-- a Typst string literal for attribute-like places (document metadata) -->
  <xsl:function name="cg:str" as="xs:string">
    <xsl:param name="text" as="xs:string"/>
    <xsl:sequence select="concat('&quot;', replace(replace(normalize-space($text), '\\', '\\\\'), '&quot;', '\\&quot;'), '&quot;')"/>
  </xsl:function>

  <xsl:template match="t:TEI | t:teiCorpus" mode="document">
    <xsl:param name="in-volume" as="xs:boolean" select="false()"/>
    <!-- in a volume the document's heading (date and title, in the contents) stands instead -->
    <xsl:if test="not($in-volume)">
      <xsl:text>#block(below: 1em)[#text(size: 15pt, weight: "bold")[</xsl:text>
      <xsl:value-of select="cg:typ(cg:title(.))"/>
      <xsl:text>]]&#10;</xsl:text>
    </xsl:if>
    <xsl:apply-templates select="." mode="facts"/>
    <xsl:apply-templates select="." mode="body"/>
    <xsl:apply-templates select="." mode="colophon"/>
  </xsl:template>

  <xsl:template match="t:TEI | t:teiCorpus" mode="facts">
    <xsl:variable name="ours" select="cg:is-cablegram(.)"/>
    <xsl:variable name="doc" select="."/>
    <xsl:variable name="rows" as="xs:string*">
      <xsl:if test="not($ours)">
        <xsl:for-each select="cg:subtitles(.)"><xsl:sequence select="cg:fact('Title', cg:typ(.))"/></xsl:for-each>
        <xsl:for-each select="('author', 'editor')">
          <xsl:variable name="names" select="cg:responsible($doc, .)"/>
          <xsl:if test="exists($names)">
            <xsl:sequence select="cg:fact(if (. = 'author') then 'Author' else 'Editor', cg:typ(string-join($names, '; ')))"/>
          </xsl:if>
        </xsl:for-each>
      </xsl:if>
      <xsl:if test="cg:date-label(.)"><xsl:sequence select="cg:fact('Date', cg:typ(cg:date-label(.)))"/></xsl:if>
      <xsl:if test="cg:sender(.) or cg:recipient(.)">
        <xsl:sequence select="cg:fact('From → to', concat(cg:typ(cg:sender(.)), ' → ', cg:typ(cg:recipient(.))))"/>
      </xsl:if>
      <xsl:for-each select="t:teiHeader/t:fileDesc/t:sourceDesc/t:msDesc[$ours]">
        <xsl:sequence select="cg:fact('Archival copy', cg:typ(cg:shelfmark(.)))"/>
      </xsl:for-each>
      <xsl:for-each select="t:teiHeader/t:fileDesc/t:sourceDesc/t:bibl[@type = 'print-source']">
        <xsl:sequence select="cg:fact('Printed from', cg:typ(normalize-space(.)))"/>
      </xsl:for-each>
      <xsl:if test="cg:translator(.)"><xsl:sequence select="cg:fact('Translator', cg:typ(cg:translator(.)))"/></xsl:if>
      <xsl:if test="not($ours) and cg:source-line(.)"><xsl:sequence select="cg:fact('Source', cg:typ(cg:source-line(.)))"/></xsl:if>
      <xsl:for-each select="t:teiHeader/t:profileDesc/t:abstract">
        <xsl:sequence select="cg:fact('Summary', concat('#emph[', cg:typ(normalize-space(.)), ']'))"/>
      </xsl:for-each>
    </xsl:variable>
    <xsl:if test="exists($rows)">
      <xsl:text>#facts(</xsl:text><xsl:value-of select="string-join($rows, ', ')"/><xsl:text>)&#10;#v(0.8em)&#10;</xsl:text>
    </xsl:if>
  </xsl:template>

  <xsl:function name="cg:fact" as="xs:string">
    <xsl:param name="label" as="xs:string"/>
    <xsl:param name="value" as="xs:string"/>
    <xsl:sequence select="concat('label-text[', cg:typ($label), '], [', $value, ']')"/>
  </xsl:function>

  <!-- ============================================================ the text -->
  <!-- any other TEI: the flow of its text, in one column -->
  <xsl:template match="t:TEI[not(cg:is-cablegram(.))]" mode="body" priority="1">
    <xsl:value-of select="cg:lang-open(t:text)"/><xsl:text>&#10;</xsl:text>
    <xsl:apply-templates select="t:sourceDoc | t:text" mode="block"/>
    <xsl:text>]&#10;</xsl:text>
  </xsl:template>

  <!-- a corpus: each document under its title, with its facts and text -->
  <xsl:template match="t:teiCorpus" mode="body">
    <xsl:for-each select="t:TEI | t:teiCorpus">
      <xsl:text>#v(1em)&#10;#heading(level: 2, outlined: false)[</xsl:text><xsl:value-of select="cg:typ(cg:title(.))"/><xsl:text>]&#10;</xsl:text>
      <xsl:apply-templates select="." mode="facts"/>
      <xsl:apply-templates select="." mode="body"/>
    </xsl:for-each>
  </xsl:template>

  <!-- our TEI: a grid of aligned rows -->
  <xsl:template match="t:TEI" mode="body">
    <xsl:variable name="translation" select="cg:versions(.)[@type = 'translation'][1]"/>
    <xsl:variable name="chosen" select="(cg:versions(.)[@type = 'original'][@xml:id = $original], cg:default-original(.))[1]"/>
    <!-- a view the document cannot give (original-only of a translation-only record) prints what there is,
         under its column label, rather than an empty page -->
    <xsl:variable name="fallback" select="($view = 'translation' and empty($translation)) or ($view = 'original' and empty($chosen))"/>
    <xsl:variable name="left" select="if ($view = 'translation' and not($fallback)) then () else $chosen"/>
    <xsl:variable name="right" select="if ($view = 'original' and not($fallback)) then () else $translation"/>
    <xsl:variable name="columns" select="count(($left, $right))"/>
    <!-- front matter an editor added comes first -->
    <xsl:apply-templates select="t:text/t:front" mode="block"/>
    <xsl:choose>
      <xsl:when test="$columns = 0"/>
      <xsl:when test="$columns = 1">
        <xsl:variable name="only" select="($left, $right)"/>
        <xsl:text>#heading(level: 2, outlined: false)[</xsl:text><xsl:value-of select="cg:typ(cg:version-label($only))"/><xsl:text>]&#10;</xsl:text>
        <xsl:value-of select="cg:lang-open($only)"/><xsl:text>&#10;</xsl:text>
        <xsl:apply-templates select="$only/node()" mode="block"/>
        <xsl:text>]&#10;</xsl:text>
      </xsl:when>
      <xsl:otherwise>
        <xsl:variable name="rows" select="cg:synopsis-rows($left, $right)"/>
        <xsl:text>#grid(columns: (1fr, 1fr), column-gutter: 1.4em, row-gutter: 0.7em,&#10;</xsl:text>
        <xsl:value-of select="concat('  [#label-text[', cg:typ(cg:version-label($left)), ']], [#label-text[', cg:typ(cg:version-label($right)), ']],&#10;')"/>
        <xsl:for-each select="$rows">
          <xsl:text>  [</xsl:text>
          <xsl:call-template name="cell"><xsl:with-param name="nodes" select="cg:row-nodes(., 'left', $left)"/><xsl:with-param name="version" select="$left"/></xsl:call-template>
          <xsl:text>], [</xsl:text>
          <xsl:call-template name="cell"><xsl:with-param name="nodes" select="cg:row-nodes(., 'right', $right)"/><xsl:with-param name="version" select="$right"/><xsl:with-param name="side" select="'right'" tunnel="yes"/></xsl:call-template>
          <xsl:text>],&#10;</xsl:text>
        </xsl:for-each>
        <xsl:text>)&#10;</xsl:text>
      </xsl:otherwise>
    </xsl:choose>
    <xsl:if test="$view = 'parallel'">
        <!-- the further originals (a published version beside the transcript) follow, so that no text is
             left out of the print edition -->
        <xsl:for-each select="cg:versions(.)[@type = 'original'] except ($left, $right)">
          <xsl:text>#v(1em)&#10;#heading(level: 2, outlined: false)[</xsl:text><xsl:value-of select="cg:typ(cg:version-label(.))"/><xsl:text>]&#10;</xsl:text>
          <xsl:value-of select="cg:lang-open(.)"/><xsl:text>&#10;</xsl:text>
          <xsl:apply-templates select="node()" mode="block"/>
          <xsl:text>]&#10;</xsl:text>
        </xsl:for-each>
    </xsl:if>
    <xsl:apply-templates select="t:text/t:back" mode="block"/>
  </xsl:template>

  <xsl:template name="cell">
    <xsl:param name="nodes" as="node()*"/>
    <xsl:param name="version" as="element()"/>
    <xsl:if test="exists($nodes)">
      <xsl:value-of select="cg:lang-open($version)"/>
      <xsl:apply-templates select="$nodes" mode="block"/>
      <xsl:text>]</xsl:text>
    </xsl:if>
  </xsl:template>

  <!-- ============================================================ colophon -->
  <xsl:template match="t:TEI | t:teiCorpus" mode="colophon">
    <xsl:text>#v(1.2em)&#10;#line(length: 100%, stroke: 0.4pt + luma(160))&#10;#block(above: 0.6em)[#text(size: 8.5pt)[#label-text[</xsl:text>
    <xsl:value-of select="cg:typ('Cite as')"/>
    <xsl:text>] </xsl:text>
    <xsl:value-of select="cg:typ(cg:chicago(.))"/>
    <xsl:text> #linebreak() </xsl:text>
    <xsl:value-of select="cg:typ(string-join((@xml:id ! concat('TEI: ', ., '.'), normalize-space(t:teiHeader/t:fileDesc/t:publicationStmt/t:availability[1])[. != '']), ' '))"/>
    <xsl:text>]]&#10;</xsl:text>
  </xsl:template>

  <!-- ============================================================ a volume -->
  <xsl:template match="/cg:corpus">
    <xsl:variable name="docs" as="element(t:TEI)*">
      <xsl:perform-sort select="cg:entry/t:TEI | cg:entry/t:teiCorpus//t:TEI">
        <xsl:sort select="cg:date-iso(.) = ''"/><!-- undated documents last -->
        <xsl:sort select="cg:date-iso(.)"/>
        <xsl:sort select="cg:title(.)"/>
      </xsl:perform-sort>
    </xsl:variable>
    <xsl:text>#set document(title: </xsl:text><xsl:value-of select="cg:str($volume_title)"/><xsl:text>, author: "cablegram")&#10;</xsl:text>
    <xsl:value-of select="$preamble"/>
    <!-- running heads: the short title and date of the document the page belongs to -->
    <!-- running heads: a state set just before each document's page break, so that every page shows the
         document it belongs to (a query over all documents per page made big volumes quadratic) -->
    <xsl:text>#let runninghead = state("runninghead", "")
#set page(paper: "a4", margin: (x: 2cm, top: 2.4cm, bottom: 2.2cm), numbering: "1",
  header: context { let h = runninghead.get(); if h != "" [#text(size: 8pt, fill: luma(90))[#h]] })&#10;</xsl:text>
    <xsl:text>#align(center + horizon)[#text(size: 24pt, weight: "bold")[</xsl:text>
    <xsl:value-of select="cg:typ($volume_title)"/>
    <xsl:text>] #v(1em) #text(size: 12pt)[</xsl:text>
    <xsl:variable name="dated" select="$docs[cg:date-iso(.) != '']"/>
    <xsl:value-of select="cg:typ(string-join((concat(count($docs), if (count($docs) = 1) then ' document' else ' documents'),
        if ($dated) then string-join(distinct-values((cg:date-label($dated[1]), cg:date-label($dated[last()]))), ' – ') else ()), ', '))"/>
    <xsl:text>]]&#10;#pagebreak()&#10;#outline(title: [Contents], depth: 1)&#10;</xsl:text>
    <xsl:for-each select="$docs">
      <xsl:text>#runninghead.update(</xsl:text><xsl:value-of select="cg:str(string-join((cg:short-title(.), cg:date-label(.)[. != '']), ' — '))"/><xsl:text>)&#10;</xsl:text>
      <xsl:text>#pagebreak()&#10;#heading(level: 1, outlined: true, bookmarked: true)[</xsl:text>
      <xsl:value-of select="cg:typ(string-join((cg:date-label(.)[. != ''], cg:title(.)), ': '))"/>
      <xsl:text>]&#10;</xsl:text>
      <xsl:apply-templates select="." mode="document">
        <xsl:with-param name="in-volume" select="true()"/>
        <xsl:with-param name="index-markers" select="true()" tunnel="yes"/>
      </xsl:apply-templates>
    </xsl:for-each>
    <xsl:text>#runninghead.update("")&#10;</xsl:text>
    <xsl:call-template name="register"><xsl:with-param name="docs" select="$docs"/></xsl:call-template>
  </xsl:template>

  <!-- ============================================================ index of persons and places -->
  <!-- Built from the entity markup of the texts (persName/placeName/orgName with @ref): in a volume each
       mention leaves an invisible #metadata(key) marker, and the index asks Typst on which pages the markers
       of a key fell. Names come from the standOff authority entry the ref points to, else from the mention. -->
  <xsl:key name="authority" match="t:standOff//*[@xml:id]" use="@xml:id"/>

  <xsl:function name="cg:entity-key" as="xs:string">
    <xsl:param name="ref" as="xs:string"/>
    <!-- the first pointer names the entity: '#per-kim' → 'per-kim'; other URIs are keys as they stand -->
    <xsl:variable name="first" select="tokenize(normalize-space($ref), ' ')[1]"/>
    <xsl:sequence select="if (starts-with($first, '#')) then substring($first, 2) else string($first)"/>
  </xsl:function>

  <xsl:variable name="index-kinds" as="map(xs:string, xs:string)"
    select="map{'persName': 'Persons', 'placeName': 'Places', 'orgName': 'Organisations'}"/>

  <xsl:template match="t:persName[normalize-space(@ref)] | t:placeName[normalize-space(@ref)] | t:orgName[normalize-space(@ref)]" mode="inline">
    <xsl:param name="index-markers" as="xs:boolean" tunnel="yes" select="false()"/>
    <xsl:if test="$index-markers">
      <xsl:value-of select="concat('#metadata(', cg:str(cg:entity-key(@ref)), ')&lt;cg-index&gt;')"/>
    </xsl:if>
    <xsl:next-match/>
  </xsl:template>

  <xsl:template name="register">
    <xsl:param name="docs" as="element(t:TEI)*"/>
    <xsl:variable name="mentions" select="$docs/t:text//(t:persName | t:placeName | t:orgName)[normalize-space(@ref)]"/>
    <xsl:if test="$mentions">
      <xsl:text>// the pages each key's markers fell on, each page once, in order; entries link to the mention
#let register(..entries) = context {
  let found = (:)
  for m in query(&lt;cg-index&gt;) {
    let seen = found.at(m.value, default: ())
    // the page counter is never reset in a volume, so physical page = printed page number
    if seen.len() == 0 or seen.last().page() != m.location().page() { found.insert(m.value, seen + (m.location(),)) }
  }
  // an entity named only in a version the edition does not print (the second original) has no page: no entry
  for (key, name) in entries.pos() {
    let pages = found.at(key, default: ())
    if key == "" or pages.len() > 0 {
      par(hanging-indent: 1em, justify: false)[#name #h(0.6em) #pages.map(l => link(l, str(l.page()))).join(", ")]
    }
  }
}
#pagebreak()
#heading(level: 1)[Index of persons and places]
#set par(spacing: 0.35em)
#set text(hyphenate: false)
#columns(2)[&#10;</xsl:text>
      <xsl:for-each-group select="$mentions" group-by="local-name()">
        <xsl:sort select="index-of(('persName', 'placeName', 'orgName'), current-grouping-key())"/>
        <xsl:value-of select="concat('#heading(level: 2, outlined: false)[', cg:typ($index-kinds(current-grouping-key())), ']&#10;#register(&#10;')"/>
        <xsl:variable name="entries" as="element(cg:entry)*">
          <xsl:for-each-group select="current-group()" group-by="cg:entity-key(@ref)">
            <xsl:variable name="authority" select="key('authority', current-grouping-key(), root(.))[1]"/>
            <xsl:variable name="forms" select="$authority/*[local-name() = local-name(current())][not(@type)]"/>
            <xsl:variable name="name" select="normalize-space(($forms[lang('en')], $forms, current-group()[lang('en')], current-group())[1])"/>
            <xsl:variable name="other" select="normalize-space($forms[not(lang('en'))][1])"/>
            <cg:entry key="{current-grouping-key()}" name="{$name}" other="{if ($other != $name) then $other else ''}"/>
            <!-- pseudonyms (Filippov for Stalin) get an entry of their own pointing to the name -->
            <xsl:for-each select="$authority/*[@type = 'pseudonym'][lang('en') or not(@xml:lang)]">
              <cg:entry key="" name="{normalize-space(.)}" see="{$name}"/>
            </xsl:for-each>
          </xsl:for-each-group>
        </xsl:variable>
        <xsl:for-each select="$entries">
          <xsl:sort select="lower-case(@name)"/>
          <xsl:sort select="@key"/>
          <xsl:value-of select="concat('  (', cg:str(@key), ', [', cg:typ(@name),
              if (@other != '') then concat(' (', cg:typ(@other), ')') else '',
              if (@see) then concat(' #emph[', cg:typ('see'), '] ', cg:typ(@see)) else '', ']),&#10;')"/>
        </xsl:for-each>
        <xsl:text>)&#10;</xsl:text>
      </xsl:for-each-group>
      <xsl:text>]&#10;</xsl:text>
    </xsl:if>
  </xsl:template>
</xsl:stylesheet>
