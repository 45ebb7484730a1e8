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
  <xsl:function name="cg:title" as="xs:string" cache="yes">
    <xsl:param name="tei" as="element()"/>
    <!-- the main title; an editor's file may have a title without @type, or only a subtitle or an empty
         title beside a full one: the first with text wins, the main title first, subtitles last -->
    <xsl:variable name="titles" select="$tei/t:teiHeader/t:fileDesc/t:titleStmt/t:title[normalize-space()]"/>
    <xsl:variable name="t" select="normalize-space(($titles[@type = 'main'], $titles[not(@type = ('sub', 'alt', 'short', 'desc'))], $titles)[1])"/>
    <!-- a header without a title: the first heading of the text, so that the page is never untitled -->
    <xsl:variable name="head" select="normalize-space(string-join(($tei/t:text//t:head)[1]//text()[not(ancestor::t:note)], ''))"/>
    <xsl:sequence select="if ($t) then $t else if ($head) then $head else '(untitled)'"/>
  </xsl:function>

  <!-- further titles of the titleStmt (subtitles, parallel titles), shown under the title -->
  <xsl:function name="cg:subtitles" as="xs:string*">
    <xsl:param name="tei" as="element()"/>
    <xsl:variable name="main" select="cg:title($tei)"/>
    <xsl:sequence select="distinct-values($tei/t:teiHeader/t:fileDesc/t:titleStmt/t:title/normalize-space()[. != ''][. != $main])"/>
  </xsl:function>

  <!-- people named in the titleStmt, by role: author | editor -->
  <xsl:function name="cg:responsible" as="xs:string*">
    <xsl:param name="tei" as="element()"/>
    <xsl:param name="role" as="xs:string"/>
    <xsl:sequence select="$tei/t:teiHeader/t:fileDesc/t:titleStmt/*[local-name() = $role]/normalize-space(string-join(.//text()[not(ancestor::t:email)], ' '))[. != '' and . != '...']"/>
  </xsl:function>

  <!-- the source description of a file another project wrote, as one line (ours has its own facts) -->
  <xsl:function name="cg:source-line" as="xs:string">
    <xsl:param name="tei" as="element()"/>
    <xsl:sequence select="normalize-space(string-join($tei/t:teiHeader/t:fileDesc/t:sourceDesc/(t:bibl | t:biblStruct | t:biblFull | t:p | t:msDesc | t:recordingStmt)[not(@type = ('digital-record', 'print-source', 'published-version'))]//text(), ' '))"/>
  </xsl:function>

  <xsl:function name="cg:record" as="element(t:bibl)?">
    <xsl:param name="tei" as="element()"/>
    <xsl:sequence select="($tei/t:teiHeader/t:fileDesc/t:sourceDesc/t:bibl[@type = 'digital-record'])[1]"/>
  </xsl:function>

  <!-- the record date: creation/date, else the record bibl's date -->
  <xsl:function name="cg:date-iso" as="xs:string" cache="yes">
    <xsl:param name="tei" as="element()"/>
    <xsl:sequence select="string(($tei/t:teiHeader/t:profileDesc/t:creation/t:date/@when, cg:record($tei)/t:date/@when)[1])"/>
  </xsl:function>

  <xsl:function name="cg:date-label" as="xs:string" cache="yes">
    <xsl:param name="tei" as="element()"/>
    <xsl:variable name="written" select="normalize-space(($tei/t:teiHeader/t:profileDesc/t:creation/t:date, cg:record($tei)/t:date)[1])"/>
    <xsl:sequence select="if ($written) then $written else cg:date-iso($tei)"/>
  </xsl:function>

  <xsl:function name="cg:year" as="xs:string">
    <xsl:param name="tei" as="element()"/>
    <xsl:sequence select="substring(cg:date-iso($tei), 1, 4)"/>
  </xsl:function>

  <xsl:function name="cg:parties" as="xs:string">
    <xsl:param name="action" as="element(t:correspAction)?"/>
    <xsl:sequence select="string-join($action/(t:persName | t:orgName)/normalize-space(), ', ')"/>
  </xsl:function>

  <xsl:function name="cg:sender" as="xs:string" cache="yes">
    <xsl:param name="tei" as="element()"/>
    <xsl:sequence select="cg:parties(($tei//t:correspDesc/t:correspAction[@type = 'sent'])[1])"/>
  </xsl:function>

  <xsl:function name="cg:recipient" as="xs:string" cache="yes">
    <xsl:param name="tei" as="element()"/>
    <xsl:sequence select="cg:parties(($tei//t:correspDesc/t:correspAction[@type = 'received'])[1])"/>
  </xsl:function>

  <xsl:function name="cg:url" as="xs:string">
    <xsl:param name="tei" as="element()"/>
    <xsl:sequence select="normalize-space(cg:record($tei)/t:idno[@type = 'URI'][1])"/>
  </xsl:function>

  <xsl:function name="cg:translator" as="xs:string" cache="yes">
    <xsl:param name="tei" as="element()"/>
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
        $ms/t:msContents/t:msItem/t:locus/cg:en-dash(normalize-space())), ', ')"
      xmlns:map="http://www.w3.org/2005/xpath-functions/map"/>
  </xsl:function>

  <xsl:function name="cg:shelfmarks" as="xs:string" cache="yes">
    <xsl:param name="tei" as="element()"/>
    <xsl:sequence select="string-join($tei/t:teiHeader/t:fileDesc/t:sourceDesc/t:msDesc/cg:shelfmark(.), '; ')"/>
  </xsl:function>

  <!-- ============================================================ citations -->
  <!-- The archive's own address for a record, by the publisher named in the record: an export taken from a
       mirror or staging host (*.dvincitest.com, an old university mirror) is cited at the archive's canonical
       address built from the record id. Publishers not listed keep the URL of the export. -->
  <xsl:variable name="cg:record-url-patterns" as="map(xs:string, xs:string)" select="map{
      'Wilson Center Digital Archive': 'https://digitalarchive.wilsoncenter.org/document/{id}'}"/>

  <xsl:function name="cg:record-url" as="xs:string" cache="yes">
    <xsl:param name="tei" as="element()"/>
    <xsl:variable name="record" select="cg:record($tei)"/>
    <xsl:variable name="pattern" select="$cg:record-url-patterns(normalize-space($record/t:publisher))"/>
    <xsl:variable name="id" select="normalize-space($record/t:idno[@type = 'record'][1])"/>
    <xsl:sequence select="if ($pattern and matches($id, '^[A-Za-z0-9._-]+$')) then replace($pattern, '\{id\}', $id) else cg:url($tei)"/>
  </xsl:function>

  <!-- Chicago (notes-bibliography) style, built from the header alone; $edition: the edition page's URL
       or ''; $accessed: the access date as it should stand, or '' (print) -->
  <xsl:function name="cg:chicago" as="xs:string">
    <xsl:param name="tei" as="element()"/>
    <xsl:sequence select="cg:chicago($tei, '', '')"/>
  </xsl:function>

  <xsl:function name="cg:chicago" as="xs:string">
    <xsl:param name="tei" as="element()"/>
    <xsl:param name="edition" as="xs:string"/>
    <xsl:param name="accessed" as="xs:string"/>
    <xsl:variable name="parts" select="(
        concat('“', cg:title($tei), ',”'),
        cg:date-label($tei)[. != ''],
        normalize-space(cg:record($tei)/t:publisher)[. != ''],
        cg:shelfmarks($tei)[. != ''],
        (if (cg:translator($tei)) then concat('translated by ', cg:translator($tei)) else ()),
        cg:record-url($tei)[. != ''])"/>
    <xsl:variable name="main" select="if (count($parts) = 1) then concat('“', cg:title($tei), '.”')
                          else concat(string-join($parts, ', ') => replace(',”,', ',”'), '.')"/>
    <xsl:sequence select="string-join(($main,
        (if ($accessed) then concat('Accessed ', $accessed, '.') else ()),
        (if ($edition) then concat('Digital edition: ', $edition, '.') else ())), ' ')"/>
  </xsl:function>

  <!-- BibTeX's special characters; square brackets need no escape -->
  <xsl:function name="cg:bibtex-escape" as="xs:string">
    <xsl:param name="s" as="xs:string"/>
    <xsl:sequence select="replace($s, '([{}&amp;%$#_])', '\\$1')"/>
  </xsl:function>

  <!-- the document's xml:id, else a key from the first words of its title -->
  <xsl:function name="cg:cite-key" as="xs:string">
    <xsl:param name="tei" as="element()"/>
    <xsl:sequence select="if ($tei/@xml:id) then string($tei/@xml:id)
                          else (string-join(subsequence(tokenize(lower-case(replace(cg:title($tei), '[^\p{L}\p{N}]+', ' ')), ' ')[. != ''], 1, 4), '-')[. != ''], 'untitled')[1]"/>
  </xsl:function>

  <xsl:function name="cg:bibtex" as="xs:string">
    <xsl:param name="tei" as="element()"/>
    <xsl:sequence select="cg:bibtex($tei, '', '')"/>
  </xsl:function>

  <xsl:function name="cg:bibtex" as="xs:string">
    <xsl:param name="tei" as="element()"/>
    <xsl:param name="edition" as="xs:string"/>
    <xsl:param name="accessed" as="xs:string"/>
    <xsl:variable name="fields" select="(
        concat('  title = {', cg:bibtex-escape(cg:title($tei)), '}'),
        (if (cg:sender($tei)) then concat('  author = {{', cg:bibtex-escape(cg:sender($tei)), '}}') else ()),
        (if (cg:year($tei)) then concat('  year = {', cg:year($tei), '}') else ()),
        (if (cg:date-iso($tei)) then concat('  date = {', substring(cg:date-iso($tei), 1, 10), '}') else ()),
        (if (cg:record($tei)/t:publisher) then concat('  publisher = {', cg:bibtex-escape(normalize-space(cg:record($tei)/t:publisher)), '}') else ()),
        (if (cg:shelfmarks($tei)) then concat('  note = {', cg:bibtex-escape(cg:shelfmarks($tei)), '}') else ()),
        (if (cg:translator($tei)) then concat('  translator = {', cg:bibtex-escape(cg:translator($tei)), '}') else ()),
        (if (cg:record-url($tei)) then concat('  url = {', cg:record-url($tei), '}') else ()),
        (if ($edition) then concat('  howpublished = {Digital edition: \url{', $edition, '}}') else ()),
        (if ($accessed and (cg:record-url($tei) or $edition)) then concat('  urldate = {', $accessed, '}') else ()))"/>
    <xsl:sequence select="concat('@misc{', cg:cite-key($tei), ',&#10;', string-join($fields, ',&#10;'), '&#10;}')"/>
  </xsl:function>

  <!-- RIS (a telegram is personal communication: Zotero reads PCOMM as a letter) -->
  <xsl:function name="cg:ris" as="xs:string">
    <xsl:param name="tei" as="element()"/>
    <xsl:param name="edition" as="xs:string"/>
    <xsl:param name="accessed" as="xs:string"/>
    <xsl:variable name="date" select="cg:date-iso($tei)"/>
    <xsl:variable name="lines" select="(
        'TY  - PCOMM',
        concat('TI  - ', cg:title($tei)),
        ($tei//t:correspDesc/t:correspAction[@type = 'sent'])[1]/(t:persName | t:orgName) ! concat('AU  - ', normalize-space(.)),
        ($tei//t:correspDesc/t:correspAction[@type = 'received'])[1]/(t:persName | t:orgName) ! concat('A2  - ', normalize-space(.)),
        cg:translator($tei)[. != ''] ! concat('A4  - ', .),
        (if ($date) then concat('DA  - ', translate(substring($date, 1, 10), '-', '/')) else ()),
        (if ($date) then concat('PY  - ', substring($date, 1, 4)) else ()),
        normalize-space(cg:record($tei)/t:publisher)[. != ''] ! concat('PB  - ', .),
        cg:shelfmarks($tei)[. != ''] ! concat('AN  - ', .),
        'M3  - Telegram',
        cg:versions-languages($tei) ! concat('LA  - ', .),
        cg:record-url($tei)[. != ''] ! concat('UR  - ', .),
        $edition[. != ''] ! concat('UR  - ', .),
        (if ($accessed) then concat('Y2  - ', $accessed) else ()),
        'ER  - ')"/>
    <xsl:sequence select="string-join($lines, '&#10;')"/>
  </xsl:function>

  <xsl:function name="cg:versions-languages" as="xs:string*">
    <xsl:param name="tei" as="element()"/>
    <xsl:sequence select="distinct-values((if ($tei/t:text/t:body/t:div/@xml:lang) then $tei/t:text/t:body/t:div/@xml:lang else $tei/@xml:lang) ! cg:language-name(.))"/>
  </xsl:function>

  <!-- CSL-JSON, through the XPath 3.1 JSON serializer (escaping is the serializer's) -->
  <xsl:function name="cg:csl-json" as="xs:string">
    <xsl:param name="tei" as="element()"/>
    <xsl:param name="edition" as="xs:string"/>
    <xsl:param name="accessed" as="xs:string"/>
    <xsl:variable name="date" select="substring(cg:date-iso($tei), 1, 10)"/>
    <xsl:variable name="parts" select="tokenize($date, '-')[. castable as xs:integer] ! xs:integer(.)"/>
    <xsl:variable name="fn" select="'http://www.w3.org/2005/xpath-functions'"/>
    <xsl:variable name="json" as="element()">
      <map xmlns="http://www.w3.org/2005/xpath-functions">
        <string key="id"><xsl:value-of select="cg:cite-key($tei)"/></string>
        <string key="type">personal_communication</string>
        <string key="genre">Telegram</string>
        <string key="title"><xsl:value-of select="cg:title($tei)"/></string>
        <xsl:variable name="authors" select="($tei//t:correspDesc/t:correspAction[@type = 'sent'])[1]/(t:persName | t:orgName)"/>
        <xsl:if test="$authors">
          <array key="author"><xsl:for-each select="$authors"><map><string key="literal"><xsl:value-of select="normalize-space(.)"/></string></map></xsl:for-each></array>
        </xsl:if>
        <xsl:variable name="recipients" select="($tei//t:correspDesc/t:correspAction[@type = 'received'])[1]/(t:persName | t:orgName)"/>
        <xsl:if test="$recipients">
          <array key="recipient"><xsl:for-each select="$recipients"><map><string key="literal"><xsl:value-of select="normalize-space(.)"/></string></map></xsl:for-each></array>
        </xsl:if>
        <xsl:if test="cg:translator($tei)">
          <array key="translator"><map><string key="literal"><xsl:value-of select="cg:translator($tei)"/></string></map></array>
        </xsl:if>
        <xsl:if test="exists($parts)">
          <map key="issued"><array key="date-parts"><array><xsl:for-each select="$parts"><number><xsl:value-of select="."/></number></xsl:for-each></array></array></map>
        </xsl:if>
        <xsl:if test="cg:record($tei)/t:publisher">
          <string key="publisher"><xsl:value-of select="normalize-space(cg:record($tei)/t:publisher)"/></string>
        </xsl:if>
        <xsl:if test="cg:shelfmarks($tei)"><string key="archive_location"><xsl:value-of select="cg:shelfmarks($tei)"/></string></xsl:if>
        <xsl:if test="cg:record-url($tei)"><string key="URL"><xsl:value-of select="cg:record-url($tei)"/></string></xsl:if>
        <xsl:if test="$edition"><string key="note"><xsl:value-of select="concat('Digital edition: ', $edition)"/></string></xsl:if>
        <xsl:if test="$accessed"><map key="accessed"><string key="raw"><xsl:value-of select="$accessed"/></string></map></xsl:if>
      </map>
    </xsl:variable>
    <xsl:sequence select="xml-to-json($json, map{'indent': true()})"/>
  </xsl:function>

  <!-- ============================================================ text structure -->
  <!-- a page or sheet break's visible label, in the language of its text: 'Лист 2', 'p. 1039', 'f. 224';
       the break's number alone where its kind or language is not in the table -->
  <xsl:variable name="cg:break-words" as="map(xs:string, xs:string)" select="map{
      'sheet ru': 'Лист', 'folio ru': 'Л.', 'leaf ru': 'Л.', 'page ru': 'С.',
      'sheet en': 'Sheet', 'folio en': 'f.', 'leaf en': 'f.', 'page en': 'p.'}"/>
  <xsl:function name="cg:break-label" as="xs:string">
    <xsl:param name="pb" as="element()"/>
    <xsl:variable name="lang" select="lower-case(tokenize(string(($pb/ancestor-or-self::*/@xml:lang)[last()]), '-')[1])"/>
    <xsl:variable name="word" select="$cg:break-words(concat(lower-case($pb/@type), ' ', $lang))"/>
    <xsl:sequence select="normalize-space(string-join(($word, string($pb/@n)), ' '))"/>
  </xsl:function>


  <xsl:function name="cg:versions" as="element(t:div)*">
    <xsl:param name="tei" as="element(t:TEI)"/>
    <xsl:sequence select="$tei/t:text/t:body/t:div"/>
  </xsl:function>

  <!-- The original a translation is read against by default: the most complete one (the longest text of its
       message), so that a partial transcript never leaves the translation facing blank space; among equals
       the one the translation's @corresp names, then the first. (pdf.py's default_original mirrors this.) -->
  <xsl:function name="cg:default-original" as="element(t:div)?">
    <xsl:param name="tei" as="element(t:TEI)"/>
    <xsl:variable name="translation" select="cg:versions($tei)[@type = 'translation'][1]"/>
    <xsl:variable name="originals" select="cg:versions($tei)[@type = 'original']"/>
    <xsl:variable name="sizes" select="$originals ! cg:message-length(.)"/>
    <xsl:variable name="most" select="max(($sizes, 0))"/>
    <xsl:variable name="complete" select="for $i in 1 to count($originals) return $originals[$i][$sizes[$i] = $most]"/>
    <xsl:sequence select="($complete[@xml:id = substring($translation/@corresp, 2)], $complete)[1]"/>
  </xsl:function>

  <!-- the length of a version's message text, whitespace collapsed, notes left out -->
  <xsl:function name="cg:message-length" as="xs:integer">
    <xsl:param name="version" as="element(t:div)"/>
    <xsl:sequence select="string-length(normalize-space(string-join($version/t:div[@type = 'message']/t:p//text()[not(ancestor::t:note)], ' ')))"/>
  </xsl:function>

  <!-- the originals in the order the views offer them: the default first -->
  <xsl:function name="cg:originals" as="element(t:div)*">
    <xsl:param name="tei" as="element(t:TEI)"/>
    <xsl:variable name="default" select="cg:default-original($tei)"/>
    <xsl:sequence select="$default, cg:versions($tei)[@type = 'original'][not(. is $default)]"/>
  </xsl:function>

  <!-- a language's English name from its BCP 47 tag ('ru-Cyrl' is Russian); the tag itself when unknown -->
  <xsl:variable name="cg:language-names" as="map(xs:string, xs:string)" select="map{
      'ru': 'Russian', 'en': 'English', 'zh': 'Chinese', 'ko': 'Korean', 'de': 'German', 'fr': 'French',
      'ja': 'Japanese', 'uk': 'Ukrainian', 'pl': 'Polish', 'cs': 'Czech', 'hu': 'Hungarian', 'ro': 'Romanian',
      'bg': 'Bulgarian', 'sr': 'Serbian', 'vi': 'Vietnamese', 'mn': 'Mongolian', 'es': 'Spanish', 'it': 'Italian'}"/>
  <xsl:function name="cg:language-name" as="xs:string">
    <xsl:param name="tag" as="xs:string?"/>
    <xsl:sequence select="($cg:language-names(lower-case(tokenize(string($tag), '-')[1])), string($tag))[1]"/>
  </xsl:function>

  <!-- an ISO 8601 value as an editor writes it: '4 July 1953', '4 July 1953, 21:20 (UTC+3)', 'July 1953' -->
  <xsl:function name="cg:when-label" as="xs:string">
    <xsl:param name="when" as="xs:string?"/>
    <xsl:variable name="w" select="normalize-space($when)"/>
    <xsl:sequence select="
      if ($w castable as xs:dateTime) then
        let $dt := xs:dateTime($w),
            $zone := if (matches($w, '(Z|[+-]\d\d:\d\d)$')) then
                       let $z := timezone-from-dateTime($dt)
                       return if ($z = xs:dayTimeDuration('PT0S')) then ' (UTC)'
                              else concat(' (UTC', if ($z lt xs:dayTimeDuration('PT0S')) then '−' else '+',
                                          abs(hours-from-duration($z)),
                                          if (minutes-from-duration($z) != 0) then format-number(abs(minutes-from-duration($z)), ':00') else '', ')')
                     else ''
        return concat(format-dateTime($dt, '[D] [MNn] [Y], [H01]:[m01]', 'en', (), ()), $zone)
      else if ($w castable as xs:date) then format-date(xs:date($w), '[D] [MNn] [Y]', 'en', (), ())
      else if ($w castable as xs:gYearMonth) then format-date(xs:date(concat($w, '-01')), '[MNn] [Y]', 'en', (), ())
      else $w"/>
  </xsl:function>

  <!-- a published version as a reader cites it: the publication (or that the source does not name it),
       document number, pages with an en dash -->
  <xsl:function name="cg:published-label" as="xs:string">
    <xsl:param name="bibl" as="element(t:bibl)"/>
    <xsl:variable name="title" select="normalize-space(string-join($bibl/t:title, '; '))"/>
    <xsl:variable name="doc" select="$bibl/t:biblScope[@unit = 'document']"/>
    <xsl:variable name="pages" select="$bibl/t:biblScope[@unit = 'page']"/>
    <xsl:variable name="other" select="normalize-space(string-join($bibl/node()[not(self::t:title or self::t:biblScope)]//descendant-or-self::text(), ' '))"/>
    <xsl:sequence select="string-join((
        if ($title) then $title else 'publication not named in the source',
        $other[. != ''],
        $doc ! concat('document ', normalize-space(.)),
        $pages ! (if (@from and @to and @from != @to) then concat('pp. ', @from, '–', @to)
                  else if (@from) then concat('p. ', @from) else cg:en-dash(normalize-space(.)))), ', ')"/>
  </xsl:function>

  <!-- a range written with a hyphen between numbers gets its en dash: '1039-1040' → '1039–1040' -->
  <xsl:function name="cg:en-dash" as="xs:string">
    <xsl:param name="s" as="xs:string?"/>
    <xsl:sequence select="replace(string($s), '(\d)\s*-\s*(\d)', '$1–$2')"/>
  </xsl:function>

  <xsl:function name="cg:version-label" as="xs:string">
    <xsl:param name="div" as="element(t:div)"/>
    <xsl:variable name="lang" select="cg:language-name($div/@xml:lang)"/>
    <!-- 'English translation', 'Russian original (transcript)' -->
    <xsl:sequence select="string-join((
        $lang[. != ''],
        if ($div/@type = 'translation') then 'translation' else 'original',
        if ($div/@subtype) then concat('(', $div/@subtype, ')') else ()), ' ') ! concat(upper-case(substring(., 1, 1)), substring(., 2))"/>
  </xsl:function>

  <!-- ============================================================ the TEI text model -->
  <!-- Our own customization (parallel language versions under body) gets the synoptic presentation;
       any other TEI is shown as the flow of its text. Decided by structure, not by who wrote the file, so
       that our TEI edited by hand keeps its view and another project's TEI never loses its text to it. -->
  <xsl:function name="cg:is-cablegram" as="xs:boolean">
    <xsl:param name="tei" as="element()"/>
    <xsl:sequence select="$tei/self::t:TEI and exists($tei/t:text/t:body/t:div)
                          and (every $child in $tei/t:text/t:body/* satisfies $child[self::t:div][@type = ('original', 'translation')])"/>
  </xsl:function>

  <!-- Where a note stands: 'foot' (numbered, its text at the foot or end), 'margin', 'inline', or 'block'
       (a note standing between paragraphs). Without @place, a note inside running text is a footnote and a
       note between blocks is a block. -->
  <xsl:function name="cg:note-place" as="xs:string">
    <xsl:param name="note" as="element(t:note)"/>
    <xsl:variable name="place" select="lower-case(normalize-space($note/@place))"/>
    <xsl:sequence select="
      if ($place = ('foot', 'end', 'bottom', 'foot-note', 'footnote', 'endnote')) then 'foot'
      else if (matches($place, '^(margin|left|right|top|opposite|overleaf|marg)')) then 'margin'
      else if ($place = ('inline', 'interlinear', 'above', 'below', 'inspace')) then 'inline'
      else if ($note/parent::*[text()[normalize-space()] or self::t:p or self::t:head or self::t:l or self::t:item
               or self::t:cell or self::t:ab or self::t:seg or self::t:hi or self::t:label or self::t:dateline
               or self::t:salute or self::t:signed or self::t:title or self::t:q or self::t:quote[not(t:p | t:lg | t:l | t:ab)]])
        then 'foot'
      else 'block'"/>
  </xsl:function>

  <!-- footnotes are numbered per language version in our TEI, per text elsewhere -->
  <xsl:function name="cg:note-scope" as="element()">
    <xsl:param name="note" as="element(t:note)"/>
    <xsl:sequence select="($note/ancestor::t:div[parent::t:body][@type = ('original', 'translation')][cg:is-cablegram(../../..)],
                           $note/ancestor::t:text[last()], root($note)/*)[1]"/>
  </xsl:function>

  <xsl:function name="cg:footnotes" as="element(t:note)*">
    <xsl:param name="scope" as="element()"/>
    <xsl:sequence select="$scope//t:note[cg:note-place(.) = 'foot'][cg:note-scope(.) is $scope]"/>
  </xsl:function>

  <!-- the number of every footnote of a scope, computed once per scope (not once per note) -->
  <xsl:function name="cg:footnote-numbers" as="map(xs:string, xs:integer)" cache="yes">
    <xsl:param name="scope" as="element()"/>
    <xsl:variable name="notes" select="cg:footnotes($scope)"/>
    <xsl:sequence select="map:merge(for $i in 1 to count($notes) return map{generate-id($notes[$i]): $i})"/>
  </xsl:function>

  <xsl:function name="cg:note-number" as="xs:integer">
    <xsl:param name="note" as="element(t:note)"/>
    <xsl:sequence select="(cg:footnote-numbers(cg:note-scope($note))(generate-id($note)), 0)[1]"/>
  </xsl:function>

  <!-- a footnote's id stem, unique in the page: the version's id in our TEI, else the text's position -->
  <xsl:function name="cg:note-id" as="xs:string">
    <xsl:param name="note" as="element(t:note)"/>
    <xsl:variable name="scope" select="cg:note-scope($note)"/>
    <xsl:variable name="stem" select="if ($scope/self::t:div) then string($scope/@xml:id)
                                      else concat('t', count($scope/preceding::t:text[not(ancestor::t:text)]) + 1)"/>
    <xsl:sequence select="concat($stem, '-', cg:note-number($note))"/>
  </xsl:function>

  <!-- @rend as lower-case tokens: 'italic bold', 'font-style:italic', 'sup' … -->
  <xsl:function name="cg:rend" as="xs:string*">
    <xsl:param name="e" as="element()"/>
    <xsl:sequence select="tokenize(lower-case(normalize-space(string($e/@rend))), '[\s;,]+')[. != '']"/>
  </xsl:function>

  <!-- the presentation a @rend asks for, from a small vocabulary shared by both outputs -->
  <xsl:function name="cg:rend-styles" as="xs:string*">
    <xsl:param name="e" as="element()"/>
    <xsl:variable name="styles" select="map{
        'italic': 'italic', 'italics': 'italic', 'i': 'italic', 'it': 'italic', 'font-style:italic': 'italic', 'slanted': 'italic',
        'bold': 'bold', 'b': 'bold', 'strong': 'bold', 'font-weight:bold': 'bold',
        'underline': 'underline', 'underlined': 'underline', 'u': 'underline', 'ul': 'underline', 'text-decoration:underline': 'underline',
        'sup': 'sup', 'super': 'sup', 'superscript': 'sup', 'vertical-align:super': 'sup',
        'sub': 'sub', 'subscript': 'sub', 'vertical-align:sub': 'sub',
        'smallcaps': 'smallcaps', 'small-caps': 'smallcaps', 'sc': 'smallcaps', 'font-variant:small-caps': 'smallcaps',
        'strikethrough': 'strike', 'strike': 'strike', 'line-through': 'strike', 'overstrike': 'strike', 'text-decoration:line-through': 'strike',
        'caps': 'caps', 'uppercase': 'caps', 'allcaps': 'caps', 'spaced': 'spaced', 'letterspace': 'spaced', 'gothic': 'bold',
        'center': 'center', 'centre': 'center', 'centered': 'center', 'right': 'right', 'align(right)': 'right', 'blockquote': 'indent', 'indent': 'indent'}"/>
    <xsl:sequence select="distinct-values(for $token in cg:rend($e) return $styles($token))"/>
  </xsl:function>

  <!-- a heading's level in the page: 2 for a top-level division (the page's title is 1), at most 6 -->
  <xsl:function name="cg:head-level" as="xs:integer">
    <xsl:param name="head" as="element()"/>
    <xsl:sequence select="min((6, 1 + count($head/ancestor::*[self::t:div or matches(local-name(), '^div[1-7]$')])
                                 + count($head/ancestor::t:TEI[parent::t:teiCorpus])))"/>
  </xsl:function>

  <!-- Does an element hold blocks (paragraphs, lists, tables …) rather than running text? -->
  <xsl:function name="cg:holds-blocks" as="xs:boolean">
    <xsl:param name="e" as="element()"/>
    <xsl:sequence select="exists($e/(t:p | t:ab | t:lg | t:l | t:list | t:table | t:div | t:div1 | t:div2 | t:div3 | t:figure | t:sp | t:floatingText
                                    | t:quote[cg:holds-blocks(.)] | t:cit[cg:holds-blocks(.)] | t:opener | t:closer | t:postscript | t:listBibl | t:castList
                                    | t:titlePage | t:docTitle | t:titlePart | t:byline | t:docAuthor | t:docDate | t:docImprint | t:docEdition))
                          and not($e/text()[normalize-space()])"/>
  </xsl:function>

  <!-- Is an element one of several in a parent without text of its own (readings of an app, parts of a
       subst)? Then the outputs set it apart from its predecessor with a space. -->
  <xsl:function name="cg:among-elements" as="xs:boolean">
    <xsl:param name="e" as="element()"/>
    <xsl:sequence select="exists($e/preceding-sibling::*) and exists($e/..) and not($e/../text()[normalize-space()])"/>
  </xsl:function>

  <!-- the reading a choice offers first (correction, regularisation, expansion), then its alternatives -->
  <xsl:function name="cg:choice-reading" as="element()?">
    <xsl:param name="choice" as="element(t:choice)"/>
    <xsl:sequence select="($choice/t:corr, $choice/t:reg, $choice/t:expan, $choice/t:ex, $choice/*)[1]"/>
  </xsl:function>

  <!-- a link target that leaves the page: the first http(s) URI of @ref/@target, else '' -->
  <xsl:function name="cg:web-link" as="xs:string">
    <xsl:param name="e" as="element()"/>
    <xsl:sequence select="string((for $t in tokenize(normalize-space(string(($e/@target, $e/@ref)[1])), ' ') return $t[matches(., '^https?://[^\s&quot;&lt;&gt;]+$')])[1])"/>
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
        <!-- a unit brings what stands between it and the next unit (forme work, page breaks, a table) -->
        <xsl:sequence select="for $p in $message/t:p[generate-id() = $ids]
                              return ($p, $p/following-sibling::*[not(self::t:p)][preceding-sibling::t:p[1] is $p][following-sibling::t:p])"/>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:function>
</xsl:stylesheet>
