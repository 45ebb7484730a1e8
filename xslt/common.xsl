<?xml version="1.0" encoding="UTF-8"?>
<!-- Shared parts of the cablegram stylesheets: reading the TEI header the same way for every output.
     Functions only (no templates), so that HTML and Typst stylesheets can import it freely. -->
<xsl:stylesheet version="3.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:xs="http://www.w3.org/2001/XMLSchema"
  xmlns:t="http://www.tei-c.org/ns/1.0"
  xmlns:cg="urn:cablegram"
  xmlns:map="http://www.w3.org/2005/xpath-functions/map"
  exclude-result-prefixes="#all">

  <!-- ============================================================ header facts -->
  <xsl:function name="cg:title" as="xs:string">
    <xsl:param name="tei" as="element(t:TEI)"/>
    <!-- the main title; an editor's file may have a title without @type -->
    <xsl:variable name="t" select="normalize-space(($tei/t:teiHeader/t:fileDesc/t:titleStmt/t:title[@type = 'main'], $tei/t:teiHeader/t:fileDesc/t:titleStmt/t:title)[1])"/>
    <xsl:sequence select="if ($t) then $t else '(untitled)'"/>
  </xsl:function>

  <xsl:function name="cg:record" as="element(t:bibl)?">
    <xsl:param name="tei" as="element(t:TEI)"/>
    <xsl:sequence select="($tei/t:teiHeader/t:fileDesc/t:sourceDesc/t:bibl[@type = 'digital-record'])[1]"/>
  </xsl:function>

  <!-- the record date: creation/date, else the record bibl's date -->
  <xsl:function name="cg:date-iso" as="xs:string">
    <xsl:param name="tei" as="element(t:TEI)"/>
    <xsl:sequence select="string(($tei/t:teiHeader/t:profileDesc/t:creation/t:date/@when, cg:record($tei)/t:date/@when)[1])"/>
  </xsl:function>

  <xsl:function name="cg:date-label" as="xs:string">
    <xsl:param name="tei" as="element(t:TEI)"/>
    <xsl:variable name="written" select="normalize-space(($tei/t:teiHeader/t:profileDesc/t:creation/t:date, cg:record($tei)/t:date)[1])"/>
    <xsl:sequence select="if ($written) then $written else cg:date-iso($tei)"/>
  </xsl:function>

  <xsl:function name="cg:year" as="xs:string">
    <xsl:param name="tei" as="element(t:TEI)"/>
    <xsl:sequence select="substring(cg:date-iso($tei), 1, 4)"/>
  </xsl:function>

  <xsl:function name="cg:parties" as="xs:string">
    <xsl:param name="action" as="element(t:correspAction)?"/>
    <xsl:sequence select="string-join($action/(t:persName | t:orgName)/normalize-space(), ', ')"/>
  </xsl:function>

  <xsl:function name="cg:sender" as="xs:string">
    <xsl:param name="tei" as="element(t:TEI)"/>
    <xsl:sequence select="cg:parties(($tei//t:correspDesc/t:correspAction[@type = 'sent'])[1])"/>
  </xsl:function>

  <xsl:function name="cg:recipient" as="xs:string">
    <xsl:param name="tei" as="element(t:TEI)"/>
    <xsl:sequence select="cg:parties(($tei//t:correspDesc/t:correspAction[@type = 'received'])[1])"/>
  </xsl:function>

  <xsl:function name="cg:url" as="xs:string">
    <xsl:param name="tei" as="element(t:TEI)"/>
    <xsl:sequence select="normalize-space(cg:record($tei)/t:idno[@type = 'URI'][1])"/>
  </xsl:function>

  <xsl:function name="cg:translator" as="xs:string">
    <xsl:param name="tei" as="element(t:TEI)"/>
    <xsl:sequence select="string-join(cg:record($tei)/t:respStmt[t:resp/@key = 'translation']/(t:persName | t:name)/normalize-space(), ', ')"/>
  </xsl:function>

  <!-- 'APRF, f. 45, op. 1, d. 339, l. 11': an archival copy as a readable shelfmark -->
  <xsl:function name="cg:shelfmark" as="xs:string">
    <xsl:param name="ms" as="element(t:msDesc)"/>
    <xsl:variable name="id" select="$ms/t:msIdentifier"/>
    <xsl:variable name="labels" select="map{'fond': 'f.', 'opis': 'op.', 'papka': 'p.', 'delo': 'd.'}"/>
    <xsl:sequence select="string-join((
        $id/t:collection[@type = 'named']/normalize-space(),
        normalize-space($id/t:repository),
        for $part in $id/(t:collection | t:idno)[@type = map:keys($labels)]
          return concat($labels($part/@type), ' ', normalize-space($part)),
        $ms/t:msContents/t:msItem/t:locus/normalize-space()), ', ')"
      xmlns:map="http://www.w3.org/2005/xpath-functions/map"/>
  </xsl:function>

  <xsl:function name="cg:shelfmarks" as="xs:string">
    <xsl:param name="tei" as="element(t:TEI)"/>
    <xsl:sequence select="string-join($tei/t:teiHeader/t:fileDesc/t:sourceDesc/t:msDesc/cg:shelfmark(.), '; ')"/>
  </xsl:function>

  <!-- ============================================================ citations -->
  <!-- Chicago (notes-bibliography) style, built from the header alone -->
  <xsl:function name="cg:chicago" as="xs:string">
    <xsl:param name="tei" as="element(t:TEI)"/>
    <xsl:variable name="parts" select="(
        concat('“', cg:title($tei), ',”'),
        cg:date-label($tei)[. != ''],
        normalize-space(cg:record($tei)/t:publisher)[. != ''],
        cg:shelfmarks($tei)[. != ''],
        (if (cg:translator($tei)) then concat('translated by ', cg:translator($tei)) else ()),
        cg:url($tei)[. != ''])"/>
    <xsl:sequence select="concat(string-join($parts, ', ') => replace(',”,', ',”'), '.')"/>
  </xsl:function>

  <xsl:function name="cg:bibtex-escape" as="xs:string">
    <xsl:param name="s" as="xs:string"/>
    <xsl:sequence select="replace(replace($s, '([{}&amp;%$#_])', '\\$1'), '\[', '{[}')"/>
  </xsl:function>

  <xsl:function name="cg:bibtex" as="xs:string">
    <xsl:param name="tei" as="element(t:TEI)"/>
    <xsl:variable name="fields" select="(
        concat('  title = {', cg:bibtex-escape(cg:title($tei)), '}'),
        (if (cg:sender($tei)) then concat('  author = {{', cg:bibtex-escape(cg:sender($tei)), '}}') else ()),
        (if (cg:year($tei)) then concat('  year = {', cg:year($tei), '}') else ()),
        (if (cg:date-iso($tei)) then concat('  date = {', cg:date-iso($tei), '}') else ()),
        (if (cg:record($tei)/t:publisher) then concat('  publisher = {', cg:bibtex-escape(normalize-space(cg:record($tei)/t:publisher)), '}') else ()),
        (if (cg:shelfmarks($tei)) then concat('  note = {', cg:bibtex-escape(cg:shelfmarks($tei)), '}') else ()),
        (if (cg:translator($tei)) then concat('  translator = {', cg:bibtex-escape(cg:translator($tei)), '}') else ()),
        (if (cg:url($tei)) then concat('  url = {', cg:url($tei), '}') else ()))"/>
    <xsl:sequence select="concat('@misc{', string($tei/@xml:id), ',&#10;', string-join($fields, ',&#10;'), '&#10;}')"/>
  </xsl:function>

  <!-- ============================================================ text structure -->
  <xsl:function name="cg:versions" as="element(t:div)*">
    <xsl:param name="tei" as="element(t:TEI)"/>
    <xsl:sequence select="$tei/t:text/t:body/t:div"/>
  </xsl:function>

  <!-- the original a translation is read against by default: the one its @corresp names, else the first -->
  <xsl:function name="cg:default-original" as="element(t:div)?">
    <xsl:param name="tei" as="element(t:TEI)"/>
    <xsl:variable name="translation" select="cg:versions($tei)[@type = 'translation'][1]"/>
    <xsl:sequence select="(cg:versions($tei)[@type = 'original'][@xml:id = substring($translation/@corresp, 2)],
                           cg:versions($tei)[@type = 'original'])[1]"/>
  </xsl:function>

  <xsl:function name="cg:version-label" as="xs:string">
    <xsl:param name="div" as="element(t:div)"/>
    <!-- by the primary language subtag: 'ru-Cyrl' is Russian too -->
    <xsl:variable name="lang" select="map{'ru': 'Russian', 'en': 'English', 'zh': 'Chinese', 'ko': 'Korean', 'de': 'German', 'fr': 'French'}(lower-case(tokenize(string($div/@xml:lang), '-')[1]))"/>
    <xsl:sequence select="string-join((
        if ($div/@type = 'translation') then 'Translation' else 'Original',
        ($lang, string($div/@xml:lang))[1],
        if ($div/@subtype) then concat('(', $div/@subtype, ')') else ()), ' ')"/>
  </xsl:function>

  <!-- footnotes are numbered per language version -->
  <xsl:function name="cg:note-number" as="xs:integer">
    <xsl:param name="note" as="element(t:note)"/>
    <xsl:variable name="version" select="$note/ancestor::t:div[parent::t:body]"/>
    <xsl:sequence select="count($version//t:note[@place = 'foot'][. &lt;&lt; $note]) + 1"/>
  </xsl:function>
  <!-- ============================================================ synoptic rows -->
  <!-- Rows of a synopsis, shared by the HTML and print editions: the opener; then each original unit with
       the translation units that point to it first; an original unit whose counterparts already stand in an
       earlier row joins that row (a paragraph the translator merged); translation units pointing to no unit
       of this original get rows of their own, in their order; then closer and endorsements.
       @left/@right hold generate-id()s; cg:row-nodes() turns them back into nodes. -->
  <xsl:function name="cg:synopsis-rows" as="element(cg:row)*">
    <xsl:param name="original" as="element(t:div)"/>
    <xsl:param name="translation" as="element(t:div)"/>
    <xsl:variable name="o-units" select="$original/t:div[@type = 'message']/t:p"/>
    <xsl:variable name="t-units" select="$translation/t:div[@type = 'message']/t:p"/>
    <xsl:variable name="o-ids" select="$o-units/@xml:id/string()"/>
    <xsl:variable name="targets" select="map:merge(for $u in $t-units return map{generate-id($u):
        (for $c in tokenize(normalize-space($u/@corresp), ' ') return substring($c, 2))[. = $o-ids]})"/>
    <xsl:variable name="anchor" select="map:merge(for $u in $t-units return map{generate-id($u): string($targets(generate-id($u))[1])})"/>
    <!-- original unit id -> the id of the earlier original unit whose row it joins -->
    <xsl:variable name="host" select="map:merge(for $o in $o-units
        return let $id := string($o/@xml:id),
                   $linked := $t-units[$targets(generate-id(.)) = $id],
                   $elsewhere := $linked[$anchor(generate-id(.)) != $id]
               return if (exists($linked) and count($elsewhere) = count($linked)) then map{$id: $anchor(generate-id($elsewhere[1]))} else ())"/>
    <cg:row part="opener"/>
    <xsl:for-each select="$t-units[$anchor(generate-id(.)) = ''][empty(preceding-sibling::t:p[$anchor(generate-id(.)) != ''])]">
      <cg:row right="{generate-id(.)}"/>
    </xsl:for-each>
    <xsl:for-each select="$o-units[not(map:contains($host, string(@xml:id)))]">
      <xsl:variable name="id" select="string(@xml:id)"/>
      <xsl:variable name="guests" select="$o-units[$host(string(@xml:id)) = $id]"/>
      <xsl:variable name="mine" select="$t-units[$anchor(generate-id(.)) = $id]"/>
      <cg:row left="{(., $guests)/generate-id()}" right="{$mine/generate-id()}"/>
      <xsl:for-each select="$mine[last()]/following-sibling::t:p">
        <xsl:variable name="here" select="."/>
        <xsl:if test="$anchor(generate-id(.)) = '' and empty($mine[last()]/following-sibling::t:p[. &lt;&lt; $here][$anchor(generate-id(.)) != ''])">
          <cg:row right="{generate-id(.)}"/>
        </xsl:if>
      </xsl:for-each>
    </xsl:for-each>
    <xsl:if test="empty($o-units)">
      <xsl:for-each select="$t-units[$anchor(generate-id(.)) != '']"><cg:row right="{generate-id(.)}"/></xsl:for-each>
    </xsl:if>
    <cg:row part="closer"/>
    <cg:row part="endorsements"/>
  </xsl:function>

  <!-- rows of a single version (no counterpart): opener, one row per unit, closer, endorsements -->
  <xsl:function name="cg:single-rows" as="element(cg:row)*">
    <xsl:param name="version" as="element(t:div)"/>
    <xsl:param name="side" as="xs:string"/>
    <cg:row part="opener"/>
    <xsl:for-each select="$version/t:div[@type = 'message']/t:p">
      <cg:row><xsl:attribute name="{$side}" select="generate-id()"/></cg:row>
    </xsl:for-each>
    <cg:row part="closer"/>
    <cg:row part="endorsements"/>
  </xsl:function>

  <xsl:function name="cg:row-nodes" as="node()*">
    <xsl:param name="row" as="element(cg:row)"/>
    <xsl:param name="side" as="xs:string"/>
    <xsl:param name="version" as="element(t:div)?"/>
    <xsl:variable name="message" select="$version/t:div[@type = 'message']"/>
    <xsl:choose>
      <xsl:when test="empty($version)"/>
      <xsl:when test="$row/@part = 'opener'">
        <xsl:sequence select="$version/node()[not(self::t:div)][self::* or normalize-space()], $message/(t:opener, t:p[1]/preceding-sibling::*[not(self::t:opener)])"/>
      </xsl:when>
      <xsl:when test="$row/@part = 'closer'">
        <xsl:sequence select="$message/(t:p[last()]/following-sibling::*, if (empty(t:p)) then *[not(self::t:opener)] else ())"/>
      </xsl:when>
      <xsl:when test="$row/@part = 'endorsements'"><xsl:sequence select="$version/t:div[@type = 'endorsements']"/></xsl:when>
      <xsl:otherwise>
        <xsl:variable name="ids" select="tokenize($row/@*[local-name() = $side], ' ')"/>
        <xsl:sequence select="$message/t:p[generate-id() = $ids]"/>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:function>
</xsl:stylesheet>
