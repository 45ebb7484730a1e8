<?xml version="1.0" encoding="UTF-8"?>
<!-- Shared parts of the cablegram stylesheets: reading the TEI header the same way for every output.
     Functions only (no templates), so that HTML and Typst stylesheets can import it freely. -->
<xsl:stylesheet version="3.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:xs="http://www.w3.org/2001/XMLSchema"
  xmlns:t="http://www.tei-c.org/ns/1.0"
  xmlns:cg="urn:cablegram"
  exclude-result-prefixes="#all">

  <!-- ============================================================ header facts -->
  <xsl:function name="cg:title" as="xs:string">
    <xsl:param name="tei" as="element(t:TEI)"/>
    <xsl:variable name="t" select="normalize-space($tei/t:teiHeader/t:fileDesc/t:titleStmt/t:title[@type = 'main'][1])"/>
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
    <xsl:variable name="lang" select="map{'ru': 'Russian', 'en': 'English', 'zh': 'Chinese', 'ko': 'Korean', 'de': 'German', 'fr': 'French'}(string($div/@xml:lang))"/>
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
</xsl:stylesheet>
